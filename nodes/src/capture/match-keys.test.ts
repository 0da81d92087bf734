import { describe, expect, it } from 'vitest';
import { captureV2 } from './definition-v2.js';
import { capture } from './definition.js';
import { intakeLead, type NormalizedLead, type RawLead } from './intake.js';
import { businessDomain, personKey } from './match-keys.js';

const now = new Date('2026-11-23T10:00:00Z');
const v2 = {
  ...captureV2.defaultConfig,
  requiredFields: ['email' as const],
  matchOn: ['email' as const, 'company_name' as const],
  matchAccount: true,
};

function normalized(raw: RawLead, config: Parameters<typeof intakeLead>[1] = v2): NormalizedLead {
  const result = intakeLead(raw, config, now);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.lead;
}

describe('businessDomain', () => {
  it('is the domain of a business address and null for free mail', () => {
    expect(businessDomain('jane@acme.com')).toBe('acme.com');
    expect(businessDomain('jane@eu.acme.com')).toBe('eu.acme.com');
    expect(businessDomain('jane@gmail.com')).toBeNull();
    expect(businessDomain('jane@yahoo.co.uk')).toBeNull();
  });
});

describe('personKey', () => {
  it('joins the business domain and the case-folded full name of a normalized lead', () => {
    const a = normalized({ email: 'Jane@Acme.com', name: 'Jane Doe' });
    const b = normalized({ email: 'j.doe@acme.com', name: 'jane  doe' });
    const c = normalized({ email: 'jd@acme.com', firstName: 'JANE', lastName: 'DOE' });
    expect(a.personKey).toBe('acme.com|jane doe');
    expect(b.personKey).toBe(a.personKey);
    expect(c.personKey).toBe(a.personKey);
  });

  it('case-folds mixed-case names and keeps different companies apart', () => {
    expect(personKey(normalized({ email: 'a@acme.com', name: 'Ann McDonald' }))).toBe(
      personKey(normalized({ email: 'b@acme.com', name: 'ann mcdonald' })),
    );
    expect(personKey(normalized({ email: 'a@acme.com', name: 'Jane Doe' }))).not.toBe(
      personKey(normalized({ email: 'a@globex.com', name: 'Jane Doe' })),
    );
  });

  it('is null for a free-mail address, whatever the name', () => {
    expect(normalized({ email: 'jane.doe@gmail.com', name: 'Jane Doe' }).personKey).toBeNull();
    expect(
      personKey({ email: 'jane@outlook.com', firstName: 'Jane', lastName: 'Doe', fullName: 'Jane Doe' }),
    ).toBeNull();
  });

  it('is null without both a first and a last name', () => {
    expect(normalized({ email: 'jane@acme.com' }).personKey).toBeNull();
    expect(normalized({ email: 'jane@acme.com', name: 'Jane' }).personKey).toBeNull();
    expect(normalized({ email: 'jane@acme.com', lastName: 'Doe' }).personKey).toBeNull();
  });
});

describe('intake match keys by capture version', () => {
  const raw: RawLead = { email: 'jane@acme.com', name: 'Jane Doe', company: 'Acme', source: 'web' };

  it('leaves both keys empty for a v1 config', () => {
    expect(normalized(raw, capture.defaultConfig)).toMatchObject({ personKey: null, accountDomain: null });
  });

  it('fills each key only when the v2 config asks for it', () => {
    expect(normalized(raw)).toMatchObject({ personKey: 'acme.com|jane doe', accountDomain: 'acme.com' });
    expect(normalized(raw, captureV2.defaultConfig)).toMatchObject({ personKey: null, accountDomain: null });
    expect(normalized({ ...raw, email: 'jane@gmail.com' })).toMatchObject({ personKey: null, accountDomain: null });
  });
});

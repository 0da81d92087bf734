import { describe, expect, it } from 'vitest';
import { capture } from './definition.js';
import { intakeLead } from './intake.js';
import { normalizeCompany, normalizePersonName, normalizePhone } from './normalize.js';

const config = capture.defaultConfig;
const now = new Date('2026-11-23T10:00:00Z');

describe('intakeLead', () => {
  it('normalizes email, names, company, phone and attribution', () => {
    const result = intakeLead(
      {
        email: '  Jane.Doe@Acme.COM ',
        name: 'jane  DOE',
        company: ' Acme   Widgets, Inc. ',
        phone: '(415) 555-2671',
        source: 'Webinar',
        utm: { campaign: ' q4 ' },
      },
      config,
      now,
    );
    expect(result).toEqual({
      ok: true,
      lead: expect.objectContaining({
        email: 'jane.doe@acme.com',
        firstName: 'Jane',
        lastName: 'Doe',
        fullName: 'Jane Doe',
        company: 'Acme Widgets, Inc.',
        companyNormalized: 'acme widgets',
        phone: '+14155552671',
        phoneRaw: '(415) 555-2671',
        phoneValid: true,
        source: 'webinar',
        channel: 'api',
        touch: {
          source: 'webinar',
          channel: 'api',
          formId: null,
          referrerId: null,
          utm: { campaign: 'q4' },
          at: now.toISOString(),
        },
      }),
    });
  });

  it('names every missing required field', () => {
    const result = intakeLead({ email: 'a@b.co' }, config, now);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'name', message: 'is required (send name, or firstName and lastName)' },
        { path: 'company', message: 'is required' },
        { path: 'source', message: 'is required' },
      ],
    });
  });

  it('refuses a malformed email, naming it', () => {
    const result = intakeLead(
      { email: 'not-an-email', name: 'A B', company: 'C', source: 's', phone: '12' },
      config,
      now,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(['email']);
  });

  it('keeps a phone number it cannot read as typed, flagged, and takes the lead', () => {
    const result = intakeLead({ email: 'a@b.co', name: 'A B', company: 'C', source: 's', phone: ' 12 ' }, config, now);
    expect(result).toMatchObject({ ok: true, lead: { phone: null, phoneRaw: '12', phoneValid: false } });
  });

  it("reads a national number in the lead's country, then the form's, the node's and the sender's locale", () => {
    const lead = { email: 'anna@firma.de', name: 'Anna', company: 'Firma', source: 's' };
    expect(intakeLead({ ...lead, phone: '030 1234567', country: 'DE' }, config, now)).toMatchObject({
      ok: true,
      lead: { phone: '+49301234567', phoneValid: true },
    });
    expect(intakeLead({ ...lead, phone: '020 7946 0958', country: 'gb' }, config, now)).toMatchObject({
      ok: true,
      lead: { phone: '+442079460958' },
    });
    expect(intakeLead({ ...lead, phone: '030 1234567' }, config, now, { formCountry: 'DE' })).toMatchObject({
      ok: true,
      lead: { phone: '+49301234567' },
    });
    // The node's default (US) cannot read it; the sender's Accept-Language region can.
    expect(intakeLead({ ...lead, phone: '030 1234567' }, config, now, { localeCountry: 'DE' })).toMatchObject({
      ok: true,
      lead: { phone: '+49301234567' },
    });
    // The lead's own country wins over the node's default even where both could read the digits.
    expect(intakeLead({ ...lead, phone: '(415) 555-2671', country: 'Germany' }, config, now)).toMatchObject({
      ok: true,
      lead: { phone: '+14155552671' },
    });
  });

  it('still refuses a required phone that is missing', () => {
    const required = { ...config, requiredFields: [...config.requiredFields, 'phone' as const] };
    expect(intakeLead({ email: 'a@b.co', name: 'A B', company: 'C', source: 's' }, required, now)).toMatchObject({
      ok: false,
      errors: [{ path: 'phone', message: 'is required' }],
    });
  });

  it('keeps the company as typed and matches on its normalized form', () => {
    expect(
      intakeLead({ email: 'a@b.de', name: 'A', company: '  Beispiel   GmbH ', source: 's' }, config, now),
    ).toMatchObject({
      ok: true,
      lead: { company: 'Beispiel GmbH', companyNormalized: 'beispiel' },
    });
  });

  it('refuses a channel the workflow does not take', () => {
    const result = intakeLead({ email: 'a@b.co', name: 'A', company: 'C', source: 's', channel: 'csv' }, config, now);
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'channel' }] });
  });
});

describe('normalizers', () => {
  it('keeps mixed-case names as written and title-cases shouted ones', () => {
    expect(normalizePersonName('McDonald')).toBe('McDonald');
    expect(normalizePersonName("MARY-ANN O'NEIL")).toBe("Mary-Ann O'Neil");
  });
  it('strips legal suffixes', () => {
    expect(normalizeCompany('Globex GmbH')).toBe('Globex');
    expect(normalizeCompany('Initech, LLC')).toBe('Initech');
    expect(normalizeCompany('Co-op Bank')).toBe('Co-op Bank');
  });
  it('reads international and national phone numbers', () => {
    expect(normalizePhone('+44 20 7946 0958', 'US')).toBe('+442079460958');
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalizePhone('555', 'US')).toBeNull();
  });
});

import { capture } from '@leadflow/nodes';
import { describe, expect, it } from 'vitest';
import { ImportRowReader } from './import-row.js';

const now = new Date('2026-11-23T10:00:00Z');
const config = { ...capture.defaultConfig, channels: ['api' as const, 'csv' as const] };
const header = ['E-mail', 'First', 'Last', 'Org', 'Phone', 'Plan', 'Campaign', 'Notes'];
const mapping = {
  'E-mail': 'email',
  First: 'firstName',
  Last: 'lastName',
  Org: 'company',
  Phone: 'phone',
  Plan: 'custom.plan',
  Campaign: 'utm.campaign',
  Notes: null,
};
const reader = new ImportRowReader(header, mapping, config, { source: 'trade_show' });

describe('ImportRowReader', () => {
  it('turns a row into a csv submission, trimming values and leaving blanks and ignored columns out', () => {
    expect(reader.toRawLead([' jane@acme.com ', 'Jane', '', 'Acme Inc.', '', 'pro', 'q4', 'call me'])).toEqual({
      channel: 'csv',
      email: 'jane@acme.com',
      firstName: 'Jane',
      company: 'Acme Inc.',
      custom: { plan: 'pro' },
      utm: { campaign: 'q4' },
      source: 'trade_show',
    });
  });

  it('normalizes a good row with the capture rules', () => {
    const result = reader.check(['Jane@Acme.COM', 'jane', 'DOE', 'Acme Inc.', '(415) 555-2671', '', '', ''], now);
    expect(result).toMatchObject({
      ok: true,
      lead: {
        email: 'jane@acme.com',
        fullName: 'Jane Doe',
        company: 'Acme Inc.',
        companyNormalized: 'acme',
        phone: '+14155552671',
        source: 'trade_show',
        channel: 'csv',
      },
    });
  });

  it('keeps a phone it cannot read as typed rather than refusing the row', () => {
    expect(reader.check(['jane@acme.com', 'Jane', 'Doe', 'Acme', '12', '', '', ''], now)).toMatchObject({
      ok: true,
      lead: { phone: null, phoneRaw: '12', phoneValid: false },
    });
  });

  it('refuses a cell holding a NUL character, naming its field and column', () => {
    expect(reader.check(['jane@acme.com', 'Ja\u0000ne', 'Doe', 'Acme', '', '', '', ''], now)).toMatchObject({
      ok: false,
      problems: [{ field: 'firstName', column: 'First', message: expect.stringContaining('NUL') }],
    });
  });

  it('names every problem of a bad row by field and column', () => {
    const result = reader.check(['not-an-email', '', '', '', '12', '', '', ''], now);
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'email', column: 'E-mail', message: "'not-an-email' is not a valid email address" },
        { field: 'name', column: 'First', message: 'is required (send name, or firstName and lastName)' },
        { field: 'company', column: 'Org', message: 'is required' },
      ],
    });
  });

  it('applies the capture request schema too (lengths), and names a required field no column fills', () => {
    const noSource = new ImportRowReader(header, mapping, config);
    const result = noSource.check(['a@b.co', 'A'.repeat(101), 'B', 'C', '', '', '', ''], now);
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'firstName', column: 'First', message: expect.stringContaining('100') },
        { field: 'source', column: null, message: 'is required' },
      ],
    });
  });

  it('refuses rows for a workflow that does not take csv, like the capture API', () => {
    const apiOnly = new ImportRowReader(header, mapping, capture.defaultConfig, { source: 's' });
    expect(apiOnly.check(['a@b.co', 'A', 'B', 'C', '', '', '', ''], now)).toMatchObject({
      ok: false,
      problems: [{ field: 'channel' }],
    });
  });
});

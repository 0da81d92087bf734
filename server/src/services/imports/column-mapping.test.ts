import { describe, expect, it } from 'vitest';
import { autoMapping, parseMappingOption, resolveMapping } from './column-mapping.js';

describe('autoMapping', () => {
  it('maps common export spellings and ignores the rest', () => {
    expect(
      autoMapping([
        'E-mail Address',
        'First Name',
        'SURNAME',
        'Company Name',
        'Job Title',
        'Phone Number',
        'Country',
        'Lead Source',
        'UTM_Campaign',
        'Notes',
      ]),
    ).toEqual({
      'E-mail Address': 'email',
      'First Name': 'firstName',
      SURNAME: 'lastName',
      'Company Name': 'company',
      'Job Title': 'title',
      'Phone Number': 'phone',
      Country: 'country',
      'Lead Source': 'source',
      UTM_Campaign: 'utm.campaign',
      Notes: null,
    });
  });

  it('gives a field to the first column that spells it only', () => {
    expect(autoMapping(['Email', 'Work Email', ''])).toEqual({ Email: 'email', 'Work Email': null });
  });
});

describe('parseMappingOption', () => {
  it('reads columns to fields, custom fields and ignored columns', () => {
    expect(parseMappingOption('{"Mail":"email","Plan":"custom.plan","Notes":null,"X":""}')).toEqual({
      ok: true,
      mapping: { Mail: 'email', Plan: 'custom.plan', Notes: null, X: null },
    });
  });

  it('names the column of every bad target', () => {
    const result = parseMappingOption('{"Mail":"emial","Plan":"custom.9lives","A":"email","B":"email","C":3}');
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'mapping.Mail', message: expect.stringContaining("'emial' is not a lead field") },
        { path: 'mapping.Plan', message: expect.stringContaining('not a usable custom field name') },
        { path: 'mapping.B', message: "maps to email, as column 'A' already does" },
        { path: 'mapping.C', message: 'must be a lead field name or null' },
      ],
    });
  });

  it('refuses what is not a JSON object', () => {
    expect(parseMappingOption('email=Mail')).toMatchObject({ ok: false, errors: [{ path: 'mapping' }] });
    expect(parseMappingOption('["email"]')).toMatchObject({ ok: false, errors: [{ path: 'mapping' }] });
  });
});

describe('resolveMapping', () => {
  it('uses the given mapping, ignoring the columns it leaves out', () => {
    expect(resolveMapping(['Mail', 'Who', 'Plan'], { Mail: 'email', Who: 'name' })).toEqual({
      ok: true,
      mapping: { Mail: 'email', Who: 'name', Plan: null },
    });
  });

  it('refuses a mapped column the file does not have, and a file without an email column', () => {
    expect(resolveMapping(['Mail', 'Who'], { Email: 'email' })).toEqual({
      ok: false,
      errors: [{ path: 'mapping.Email', message: 'is not a column of the file (its columns: Mail, Who)' }],
    });
    expect(resolveMapping(['Who', 'Company'], undefined)).toMatchObject({
      ok: false,
      errors: [{ path: 'mapping', message: expect.stringContaining('no column maps to email') }],
    });
  });

  it('refuses a header that names a column twice', () => {
    expect(resolveMapping(['Email', 'Name', 'Email'], undefined)).toMatchObject({
      ok: false,
      errors: [{ path: 'file', message: expect.stringContaining("names column 'Email' twice (columns 1 and 3)") }],
    });
  });
});

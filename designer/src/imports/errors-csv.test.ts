import { describe, expect, it } from 'vitest';
import { errorsCsv } from './errors-csv';

describe('errorsCsv', () => {
  it('writes one line per error and quotes what needs it', () => {
    expect(
      errorsCsv([
        { row: 3, field: 'email', column: 'E-mail', message: "'bob@' is not a valid email address" },
        { row: 5, field: null, column: null, message: 'has 4 columns, "the header" has 6' },
      ]),
    ).toBe(
      'row,field,column,message\r\n3,email,E-mail,\'bob@\' is not a valid email address\r\n5,,,"has 4 columns, ""the header"" has 6"\r\n',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../schema-form';
import { csvItems, parseBulkText, parseCsv, problemsByRow } from './bulk-rows';

const repSchema: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    capacity: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
    active: { type: 'boolean' },
    skills: { type: 'array', items: { type: 'string' } },
    rules: {
      type: 'object',
      properties: { minEmployees: { type: 'integer' }, countries: { type: 'array', items: { type: 'string' } } },
    },
  },
};

describe('bulk rows', () => {
  it('parses quoted CSV cells with commas, quotes and newlines, skipping blank lines', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n\n"multi\nline",z\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', 'z'],
    ]);
  });

  it('coerces cells by the schema and nests dotted headers; empty cells are left out', () => {
    const rows = parseCsv(
      'name,capacity,active,skills,rules.minEmployees,rules.countries\nAnn,5,yes,enterprise; smb,10,DE|FR\nBo,,false,,,',
    );
    expect(csvItems(rows, repSchema)).toEqual([
      {
        name: 'Ann',
        capacity: 5,
        active: true,
        skills: ['enterprise', 'smb'],
        rules: { minEmployees: 10, countries: ['DE', 'FR'] },
      },
      { name: 'Bo', active: false },
    ]);
  });

  it('takes JSON arrays or { list: [...] } as they are', () => {
    expect(parseBulkText('[{"name":"A"}]', 'reps', repSchema)).toEqual([{ name: 'A' }]);
    expect(parseBulkText('{"reps":[{"name":"B"}]}', 'reps', repSchema)).toEqual([{ name: 'B' }]);
    expect(() => parseBulkText('{"teams":[]}', 'reps', repSchema)).toThrow(/"reps" array/);
  });

  it('groups server problems by row with item-relative fields', () => {
    const grouped = problemsByRow(
      [
        { path: 'reps[2].email', message: 'bad' },
        { path: 'reps[2].timezone', message: 'worse' },
        { path: 'reps', message: 'too many' },
      ],
      'reps',
    );
    expect(grouped.get(2)).toEqual([
      { field: 'email', message: 'bad' },
      { field: 'timezone', message: 'worse' },
    ]);
    expect(grouped.get(-1)).toEqual([{ field: 'reps', message: 'too many' }]);
  });
});

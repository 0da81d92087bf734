import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CsvReadOptions, type CsvRecord, readCsvRecords } from './csv-records.js';

const dir = mkdtempSync(path.join(tmpdir(), 'csv-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
async function read(text: string | Buffer, options?: CsvReadOptions): Promise<CsvRecord[]> {
  const file = path.join(dir, `f${files++}.csv`);
  writeFileSync(file, text);
  const records: CsvRecord[] = [];
  for await (const record of readCsvRecords(file, options)) records.push(record);
  return records;
}

describe('readCsvRecords', () => {
  it('numbers records by the line they begin on, skipping blank ones and a BOM', async () => {
    const records = await read('\uFEFFemail,name\r\na@x.com,"Ann\r\nB"\r\n\r\n,\r\nb@x.com,"Bo ""Q"""');
    expect(records).toEqual([
      { line: 1, fields: ['email', 'name'] },
      { line: 2, fields: ['a@x.com', 'Ann\r\nB'] },
      { line: 6, fields: ['b@x.com', 'Bo "Q"'] },
    ]);
  });

  it('reports another column count as a problem of that row and reads on', async () => {
    const records = await read('email,name,company\na@x.com,A\nb@x.com,B,Acme,extra\nc@x.com,C,Acme\n');
    expect(records.slice(1)).toEqual([
      { line: 2, problem: 'has 2 columns; the header has 3' },
      { line: 3, problem: 'has 4 columns; the header has 3' },
      { line: 4, fields: ['c@x.com', 'C', 'Acme'] },
    ]);
  });

  it('keeps a stray quote inside a field as written', async () => {
    const records = await read('email,name\nj@x.com,Jane "JJ" Doe\n');
    expect(records[1]).toEqual({ line: 2, fields: ['j@x.com', 'Jane "JJ" Doe'] });
  });

  it('costs one row for a quote that is closed lines later, reading the swallowed lines again', async () => {
    const records = await read(
      'email,name,company\n"b@x.com,B,Acme\nc@x.com,C,Acme\nd@x.com,"D",Acme\ne@x.com,E,Acme\n',
    );
    expect(records.slice(1)).toEqual([
      { line: 2, problem: expect.stringContaining('a quoted field opened on this row runs over 3 lines') },
      { line: 3, fields: ['c@x.com', 'C', 'Acme'] },
      { line: 4, fields: ['d@x.com', 'D', 'Acme'] },
      { line: 5, fields: ['e@x.com', 'E', 'Acme'] },
    ]);
  });

  it('costs one row for a quote that is never closed', async () => {
    const records = await read('email,name\na@x.com,A\n"b@x.com,B\nc@x.com,C\nd@x.com,D\n');
    expect(records.slice(1)).toEqual([
      { line: 2, fields: ['a@x.com', 'A'] },
      { line: 3, problem: 'a quoted field opened on this row is never closed; the row was skipped' },
      { line: 4, fields: ['c@x.com', 'C'] },
      { line: 5, fields: ['d@x.com', 'D'] },
    ]);
  });

  it('skips a record past the size limit and reads on at the next line', async () => {
    const long = 'Ü'.repeat(400);
    const records = await read(Buffer.from(`email,name\n"a@x.com,${long}\nb@x.com,B\nc@x.com,${long}\nd@x.com,Zoë\n`), {
      maxRecordLength: 256,
    });
    expect(records.slice(1)).toEqual([
      { line: 2, problem: expect.stringContaining('the row holds more than 256 characters') },
      { line: 3, fields: ['b@x.com', 'B'] },
      { line: 4, problem: expect.stringContaining('the row holds more than') },
      { line: 5, fields: ['d@x.com', 'Zoë'] },
    ]);
  });

  it('keeps every record parsed before an error, across chunks', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `r${i}@x.com,Row ${i}`);
    const records = await read(`email,name\n${rows.join('\n')}\n"z@x.com,Z`);
    expect(records).toHaveLength(5002);
    expect(records[5000]).toEqual({ line: 5001, fields: ['r4999@x.com', 'Row 4999'] });
    expect(records[5001]).toEqual({ line: 5002, problem: expect.stringContaining('never closed') });
  });

  it('reads another delimiter', async () => {
    const records = await read('email;name\na@x.com;"A;B"\n', { delimiter: ';' });
    expect(records[1]).toEqual({ line: 2, fields: ['a@x.com', 'A;B'] });
  });
});

import { describe, expect, it } from 'vitest';
import { guessDelimiter, previewCsv } from './csv-preview';

describe('previewCsv', () => {
  it('reads quoted fields, escaped quotes, CRLF and a BOM', () => {
    const text =
      '\ufeffEmail,Name,Note\r\njane@acme.com,"Doe, Jane","says ""hi"""\r\nbob@globex.com,Bob,"two\nlines"\r\n';
    expect(previewCsv(text, ',', 5, true)).toEqual({
      header: ['Email', 'Name', 'Note'],
      rows: [
        ['jane@acme.com', 'Doe, Jane', 'says "hi"'],
        ['bob@globex.com', 'Bob', 'two\nlines'],
      ],
    });
  });

  it('stops after maxRows and drops a row cut off by the end of an incomplete read', () => {
    const text = 'email\na@x.com\nb@x.com\nc@x.c';
    expect(previewCsv(text, ',', 5, false).rows).toEqual([['a@x.com'], ['b@x.com']]);
    expect(previewCsv(text, ',', 5, true).rows).toEqual([['a@x.com'], ['b@x.com'], ['c@x.c']]);
    expect(previewCsv(text, ',', 1, true).rows).toEqual([['a@x.com']]);
  });
});

describe('guessDelimiter', () => {
  it('picks the separator the header uses, ignoring quoted text', () => {
    expect(guessDelimiter('email;"a,b,c";name\nx')).toBe(';');
    expect(guessDelimiter('email\tname')).toBe('\t');
    expect(guessDelimiter('email')).toBe(',');
  });
});

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { CsvError, Parser } from 'csv-parse';

/** One record of the file, by the line it begins on (the header is line 1), or why it could not be read. */
export type CsvRecord =
  { line: number; fields: string[]; problem?: undefined } | { line: number; fields?: undefined; problem: string };

export interface CsvReadOptions {
  /** @default ',' */
  delimiter?: string;
  /** Most characters in a record's fields; past it the record is reported and reading goes on at its next line. @default 131072 */
  maxRecordLength?: number;
}

const MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field opened on this row is never closed; the row was skipped',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by other characters; the row was skipped',
};

const countNewlines = (text: string): number => {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
};

const isBlank = (fields: readonly string[]): boolean => fields.every((field) => field.trim() === '');

/** The byte after the first newline at or past `from`; undefined when the file ends first. */
async function nextLineStart(path: string, from: number): Promise<number | undefined> {
  const file = await open(path, 'r');
  try {
    const chunk = Buffer.alloc(64 * 1024);
    for (let position = from; ; position += chunk.length) {
      const { bytesRead } = await file.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) return undefined;
      const at = chunk.subarray(0, bytesRead).indexOf(0x0a);
      if (at >= 0) return position + at + 1;
    }
  } finally {
    await file.close();
  }
}

interface Parsed {
  record: string[];
  /** Byte offset, from where parsing started, just past the record. */
  end: number;
  raw: string;
}

/**
 * csv-parse from byte `start` of the file, a chunk at a time. Records are taken in `on_record`
 * rather than read from the stream, so the ones parsed before an error are not lost with the
 * destroyed stream; the error, if any, comes last.
 */
async function* parseFrom(
  path: string,
  start: number,
  options: CsvReadOptions & { maxRecordLength: number },
): AsyncGenerator<Parsed | { error: unknown }> {
  const parsed: Parsed[] = [];
  const parser = new Parser({
    bom: start === 0,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    delimiter: options.delimiter ?? ',',
    max_record_size: options.maxRecordLength,
    // With raw on, each record comes as { record, raw } (the typings do not say so).
    on_record: (wrapped, info) => {
      const { record, raw } = wrapped as unknown as { record: string[]; raw: string };
      parsed.push({ record, end: info.bytes, raw });
      return null;
    },
  });
  // Errors arrive through the write and end callbacks; nothing is pushed, so the readable side only has to end.
  parser.on('error', () => undefined);
  parser.resume();
  const source = createReadStream(path, { start, highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of source) {
      const error = await new Promise<Error | null | undefined>((resolve) => parser.write(chunk, resolve));
      yield* parsed.splice(0);
      if (error) return yield { error };
    }
    const error = await new Promise<Error | null | undefined>((resolve) => parser.end(resolve));
    yield* parsed.splice(0);
    if (error) yield { error };
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/**
 * Reads a CSV file one record at a time (memory stays flat whatever the file's size). The first
 * record is the header; blank records are skipped. A malformed record — another column count
 * than the header's, a quote that never closes, a record past the size limit — is yielded as a
 * problem, and when it ran over several lines reading resumes on the line after the one it began
 * on, so a stray quote costs one row, not the rest of the file.
 */
export async function* readCsvRecords(path: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord> {
  const settings = { ...options, maxRecordLength: options.maxRecordLength ?? 128 * 1024 };
  let offset = 0;
  let line = 1;
  let columns: number | undefined;
  for (;;) {
    let resumeFrom: number | undefined;
    // Where the record being read begins: just past the one before.
    let recordStart = offset;
    for await (const item of parseFrom(path, offset, settings)) {
      if ('error' in item) {
        if (!(item.error instanceof CsvError)) throw item.error;
        yield { line, problem: problemOf(item.error, settings.maxRecordLength) };
        resumeFrom = await nextLineStart(path, recordStart);
        line += 1;
        break;
      }
      const { record, end, raw } = item;
      const begins = line;
      const startsAt = recordStart;
      recordStart = offset + end;
      const spans = countNewlines(raw.endsWith('\n') ? raw.slice(0, -1) : raw);
      line += spans + 1;
      if (isBlank(record)) continue;
      if (columns === undefined) columns = record.length;
      else if (record.length !== columns && spans > 0) {
        // A quote left open swallows the lines after it; read them again as rows of their own.
        yield {
          line: begins,
          problem: `a quoted field opened on this row runs over ${spans + 1} lines and leaves ${record.length} columns instead of ${columns}: the quote is probably not closed; the row was skipped`,
        };
        resumeFrom = await nextLineStart(path, startsAt);
        line = begins + 1;
        break;
      } else if (record.length !== columns) {
        yield { line: begins, problem: `has ${record.length} columns; the header has ${columns}` };
        continue;
      }
      yield { line: begins, fields: record };
    }
    if (resumeFrom === undefined) return;
    offset = resumeFrom;
  }
}

function problemOf(error: CsvError, maxRecordLength: number): string {
  if (error.code === 'CSV_MAX_RECORD_SIZE')
    return `the row holds more than ${maxRecordLength} characters (often a quote that is never closed); it was skipped`;
  return MESSAGES[error.code] ?? `cannot be read as CSV (${error.message}); the row was skipped`;
}

/** Separators the import takes (the API's `delimiter` choices). */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** How much of the file the preview reads: enough for the header and the first rows of any sane file. */
export const PREVIEW_BYTES = 64 * 1024;

export interface CsvPreview {
  header: string[];
  /** The first data rows, as far as the preview read. */
  rows: string[][];
}

/** The separator the header line uses most, outside quotes; `,` when none appears. */
export function guessDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as Delimiter))
      counts.set(char as Delimiter, (counts.get(char as Delimiter) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/**
 * The header and up to `maxRows` rows of the start of a CSV file (RFC 4180 quoting, CRLF or LF).
 * `complete` says whether `text` is the whole file: if not, a row cut off at the end is dropped.
 * The server reads the file again in full; this is only for showing and mapping columns.
 */
export function previewCsv(text: string, delimiter: Delimiter, maxRows: number, complete: boolean): CsvPreview {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  for (; i < text.length && records.length <= maxRows; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else field += char;
  }
  if (i >= text.length && complete && (field !== '' || record.length > 0)) endRecord();
  const [header = [], ...rows] = records;
  return { header: header.map((column) => column.trim()), rows: rows.slice(0, maxRows) };
}

import type { ImportRowError } from '@leadflow/server/contract';

const cell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** An import's row errors as a CSV file: row, field, column, message. */
export function errorsCsv(errors: readonly ImportRowError[]): string {
  return (
    [
      'row,field,column,message',
      ...errors.map((error) => [error.row, error.field, error.column, error.message].map(cell).join(',')),
    ].join('\r\n') + '\r\n'
  );
}

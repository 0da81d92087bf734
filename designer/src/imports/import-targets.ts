/** A lead field a CSV column can fill, as the select shows it (the server's list: POST /api/imports/mapping). */
export interface ImportTarget {
  value: string;
  label: string;
}

/** A custom field named after a header: `custom.<identifier>`. */
export function customTarget(header: string): string {
  const name = header
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, '_$1');
  return `custom.${name.slice(0, 100) || 'field'}`;
}

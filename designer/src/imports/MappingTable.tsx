import type { ImportTarget } from './import-targets';
import { customTarget } from './import-targets';

export interface MappingTableProps {
  header: readonly string[];
  rows: readonly string[][];
  mapping: Record<string, string | null>;
  targets: readonly ImportTarget[];
  /** Server problems by column (`mapping.<column>` paths), shown beside that column's select. */
  errors: Readonly<Record<string, string>>;
  onChange(column: string, target: string | null): void;
}

/** The first rows of the file, one line per column, each with the lead field it fills. */
export function MappingTable({ header, rows, mapping, targets, errors, onChange }: MappingTableProps) {
  return (
    <table className="data mapping" aria-label="Column mapping">
      <thead>
        <tr>
          <th>Column</th>
          <th>First rows</th>
          <th>Lead field</th>
        </tr>
      </thead>
      <tbody>
        {header.map((column, index) => {
          const id = `map-${index}`;
          const custom = customTarget(column);
          const error = errors[column];
          return (
            <tr key={column || index}>
              <td>
                <label htmlFor={id}>{column || <span className="muted">(no name)</span>}</label>
              </td>
              <td className="samples">
                {rows
                  .map((row) => row[index] ?? '')
                  .filter((value) => value !== '')
                  .slice(0, 3)
                  .join(' · ') || <span className="muted">(empty)</span>}
              </td>
              <td>
                <select
                  id={id}
                  value={mapping[column] ?? ''}
                  onChange={(event) => onChange(column, event.target.value || null)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                >
                  <option value="">Ignore</option>
                  {targets.map((target) => (
                    <option key={target.value} value={target.value}>
                      {target.label}
                    </option>
                  ))}
                  <option value={custom}>{custom} (custom field)</option>
                </select>
                {error && (
                  <p id={`${id}-error`} className="error-text" role="alert">
                    {error}
                  </p>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import type { MigrationNames } from './migration-names';
import { isMappable, leadCount, reasonInWords, type ReviewRow } from './migration-review';

interface Props {
  rows: readonly ReviewRow[];
  names: MigrationNames;
  fromVersion: number;
  toVersion: number;
  nodeMap: Readonly<Record<string, string>>;
  checking: boolean;
  disabled: boolean;
  onChoose(from: string, to: string): void;
}

/** The dry run by node of the old version: how many leads, where they go (a choice of waits), and who cannot move and why. */
export function MigrationTable({ rows, names, fromVersion, toVersion, nodeMap, checking, disabled, onChoose }: Props) {
  return (
    <table className="data" aria-label="Leads by node" aria-busy={checking}>
      <thead>
        <tr>
          <th>Waiting at (v{fromVersion})</th>
          <th>Leads</th>
          <th>Goes to (v{toVersion})</th>
          <th>Cannot move</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          // Running leads are not at a wait yet: no choice moves them now.
          const choosable =
            row.from !== '(running)' && (row.moving > 0 || row.blocked.some((part) => isMappable(part.reason)));
          const chosen = nodeMap[row.from] ?? row.to ?? '';
          const total = row.moving + row.blocked.reduce((sum, part) => sum + part.leads, 0);
          return (
            <tr key={row.from}>
              <td>{names.oldNode(row.from)}</td>
              <td>{total}</td>
              <td>
                {choosable ? (
                  <select
                    aria-label={`Where the leads at ${names.oldNode(row.from)} go`}
                    value={chosen}
                    disabled={disabled}
                    onChange={(event) => onChoose(row.from, event.target.value)}
                  >
                    {!chosen && (
                      <option value="" disabled>
                        Choose a wait…
                      </option>
                    )}
                    {names.waits.map((wait) => (
                      <option key={wait.id} value={wait.id}>
                        {wait.label}
                      </option>
                    ))}
                  </select>
                ) : row.to ? (
                  names.newNode(row.to)
                ) : (
                  <span className="muted">—</span>
                )}
                {row.moving > 0 && <div className="muted">{leadCount(row.moving)} would move</div>}
              </td>
              <td>
                {row.blocked.map((part) => (
                  <div key={part.reason} className="blocked-reason">
                    <strong>{leadCount(part.leads)}</strong>: {reasonInWords(part.reason, names.either)}
                  </div>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

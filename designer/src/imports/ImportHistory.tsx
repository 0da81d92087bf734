import type { CsvImport, WorkflowSummary } from '../api/types';
import { workflowName } from '../intake/channel-schema';
import { EmptyRow } from '../app/EmptyRow';

/** Past imports, newest first, with their outcome; one can be opened to see its refused rows. */
export function ImportHistory({ imports, workflows, selected, onSelect }: { imports: readonly CsvImport[]; workflows: readonly WorkflowSummary[]; selected: string | null; onSelect(item: CsvImport): void }) {
  return (
    <table className="data" aria-label="Past imports">
      <thead>
        <tr>
          <th>File</th>
          <th>Status</th>
          <th>Rows</th>
          <th>New</th>
          <th>Already there</th>
          <th>Refused</th>
          <th>Workflow</th>
          <th>By</th>
          <th>Started</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {imports.map((item) => (
          <tr key={item.id} aria-current={item.id === selected || undefined}>
            <td>
              {item.fileName}
              <div className="muted" title={`SHA-256 ${item.fileSha256}`}>
                {(item.fileBytes / 1024).toFixed(1)} KiB · {item.fileSha256.slice(0, 8)}
              </div>
            </td>
            <td>{item.status}</td>
            <td>{item.rows.total}</td>
            <td>{item.rows.created}</td>
            <td>{item.rows.duplicates}</td>
            <td>{item.rows.failed}</td>
            <td>
              {workflowName(item.workflowId, workflows)} v{item.workflowVersion}
            </td>
            <td>{item.createdBy}</td>
            <td>{new Date(item.createdAt).toLocaleString()}</td>
            <td>
              <button type="button" onClick={() => onSelect(item)} aria-label={`Open import of ${item.fileName} from ${new Date(item.createdAt).toLocaleString()}`}>
                Open
              </button>
            </td>
          </tr>
        ))}
        {imports.length === 0 && (
          <EmptyRow colSpan={10}>No imports yet.</EmptyRow>
        )}
      </tbody>
    </table>
  );
}

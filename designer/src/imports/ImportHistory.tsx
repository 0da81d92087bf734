import type { CsvImport, WorkflowSummary } from '@leadflow/server/contract';
import { type Column, DataTable } from '../app/DataTable';
import { workflowName } from '../intake/channel-schema';

/** Past imports, newest first, with their outcome; one can be opened to see its refused rows. */
export function ImportHistory({
  imports,
  workflows,
  selected,
  onSelect,
}: {
  imports: readonly CsvImport[];
  workflows: readonly WorkflowSummary[];
  selected: string | null;
  onSelect(item: CsvImport): void;
}) {
  const columns: Column<CsvImport>[] = [
    {
      header: 'File',
      cell: (item) => (
        <>
          {item.fileName}
          <div className="muted" title={`SHA-256 ${item.fileSha256}`}>
            {(item.fileBytes / 1024).toFixed(1)} KiB · {item.fileSha256.slice(0, 8)}
          </div>
        </>
      ),
    },
    { header: 'Status', cell: (item) => item.status },
    { header: 'Rows', cell: (item) => item.rows.total },
    { header: 'New', cell: (item) => item.rows.created },
    { header: 'Already there', cell: (item) => item.rows.duplicates },
    { header: 'Refused', cell: (item) => item.rows.failed },
    { header: 'Workflow', cell: (item) => `${workflowName(item.workflowId, workflows)} v${item.workflowVersion}` },
    { header: 'By', cell: (item) => item.createdBy },
    { header: 'Started', cell: (item) => new Date(item.createdAt).toLocaleString() },
    {
      header: 'Actions',
      hideHeader: true,
      cell: (item) => (
        <button
          type="button"
          onClick={() => onSelect(item)}
          aria-label={`Open import of ${item.fileName} from ${new Date(item.createdAt).toLocaleString()}`}
        >
          Open
        </button>
      ),
    },
  ];
  return (
    <DataTable
      label="Past imports"
      columns={columns}
      rows={imports}
      rowKey={(item) => item.id}
      rowAttributes={(item) => ({ 'aria-current': item.id === selected || undefined })}
      empty="No imports yet."
    />
  );
}

import { useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { ImportRowError } from '@leadflow/server/contract';
import { type Column, DataTable } from '../app/DataTable';
import { useLeadflow } from '../app/leadflow-context';
import { errorsCsv } from './errors-csv';
import { allErrors } from './use-import';

const columns: Column<ImportRowError>[] = [
  { header: 'Row', cell: (error) => error.row },
  { header: 'Field', cell: (error) => error.field ?? <span className="muted">(whole row)</span> },
  { header: 'Column', cell: (error) => error.column ?? '' },
  { header: 'Message', cell: (error) => error.message },
];

/** Saves `text` as a file the browser downloads. */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** The rows an import refused (row number, field, message), with all of them as a CSV download. */
export function ImportErrorsTable({
  importId,
  fileName,
  errors,
  more,
}: {
  importId: string;
  fileName: string;
  errors: readonly ImportRowError[];
  more: boolean;
}) {
  const { api } = useLeadflow();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (errors.length === 0) return <p className="muted">No row was refused.</p>;

  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      download(`${fileName.replace(/\.csv$/i, '')}-errors.csv`, errorsCsv(await allErrors(api, importId)));
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="import-errors">
      <div className="section-header">
        <h3>Refused rows</h3>
        <button type="button" onClick={save} disabled={busy}>
          {busy && <span className="spinner" aria-hidden="true" />} Download errors as CSV
        </button>
      </div>
      {failure && (
        <p className="error-text" role="alert">
          Could not download the errors: {failure}
        </p>
      )}
      <DataTable
        label="Refused rows"
        columns={columns}
        rows={errors}
        rowKey={(error, index) => `${error.row}-${index}`}
      />
      {more && <p className="muted">Showing the first {errors.length}; the download has them all.</p>}
    </div>
  );
}

import { useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { CsvImport } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import { ImportErrorsTable } from './ImportErrorsTable';
import { isFinished, useImport } from './use-import';

const STATUS_BADGE: Record<CsvImport['status'], string> = {
  queued: '',
  running: 'accent',
  completed: 'ok',
  failed: 'error',
  cancelled: 'warn',
};

/** The outcome in words; says plainly when a re-import created nothing new. */
function summary({ rows }: CsvImport): string {
  const parts = [
    `${rows.created} new lead${rows.created === 1 ? '' : 's'}`,
    `${rows.duplicates} already there`,
    `${rows.failed} refused`,
  ];
  if (rows.created === 0 && rows.duplicates > 0)
    return `${parts.join(', ')}. Nothing was duplicated: every importable row matched a lead that already exists (same email, or the same row of the same file imported before).`;
  return `${parts.join(', ')}.`;
}

/** One import followed live: progress bar, pace, outcome, and the rows it refused. */
export function ImportProgress({
  started,
  canCancel,
  onFinished,
}: {
  started: CsvImport;
  canCancel: boolean;
  onFinished(): void;
}) {
  const { api } = useLeadflow();
  const { current, errors, moreErrors, pollError } = useImport(started, onFinished);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const { rows } = current;
  const done = isFinished(current.status);
  const total = Math.max(rows.total, rows.processed);

  return (
    <section
      className="panel import-progress"
      aria-labelledby="import-progress-heading"
      data-testid="import-progress"
      data-status={current.status}
    >
      <div className="section-header">
        <h2 id="import-progress-heading">
          {current.fileName} <span className={`badge ${STATUS_BADGE[current.status]}`}>{current.status}</span>
        </h2>
        {canCancel && !done && (
          <button
            type="button"
            className="danger"
            onClick={() =>
              api
                .request('DELETE', `/api/imports/${current.id}`)
                .catch((failure: unknown) => setCancelError(errorMessage(failure)))
            }
          >
            Cancel import
          </button>
        )}
      </div>
      <label className="progress-label">
        Rows done
        <progress max={total || 1} value={done && current.status === 'completed' ? total || 1 : rows.processed} />
      </label>
      <p data-testid="import-counts" aria-live="polite">
        {rows.processed} / {total} rows{current.rowsPerSecond !== null && ` · ${current.rowsPerSecond} rows/s`}
        {done
          ? ` · ${summary(current)}`
          : ` · ${rows.created} new, ${rows.duplicates} already there, ${rows.failed} refused so far`}
      </p>
      {current.error && (
        <p className="banner error" role="alert">
          The import stopped: {current.error}
        </p>
      )}
      {(pollError ?? cancelError) && (
        <p className="banner error" role="alert">
          {pollError ? `Could not read the import's progress: ${pollError} (trying again)` : cancelError}
        </p>
      )}
      {errors && (
        <ImportErrorsTable importId={current.id} fileName={current.fileName} errors={errors} more={moreErrors} />
      )}
    </section>
  );
}

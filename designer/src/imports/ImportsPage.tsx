import { useState } from 'react';
import type { CsvImport, WorkflowSummary } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import { ImportForm } from './ImportForm';
import { ImportHistory } from './ImportHistory';
import { ImportProgress } from './ImportProgress';
import '../app/admin-pages.css';

/** Roles that may start and cancel imports; viewers follow them. */
const IMPORTERS = new Set(['admin', 'editor']);

/** CSV import: upload with a column mapping, follow the import live, see refused rows, and past imports. */
export function ImportsPage() {
  const { api, principal } = useLeadflow();
  const canImport = IMPORTERS.has(principal.role);
  const workflows = useLoad(() => api.get<{ workflows: WorkflowSummary[] }>('/api/workflows'), 'import-workflows');
  const history = useLoad(() => api.get<{ imports: CsvImport[] }>('/api/imports?limit=50'), 'imports');
  const [followed, setFollowed] = useState<CsvImport | null>(null);
  const workflowList = workflows.data?.workflows ?? [];

  return (
    <main className="page imports">
      <div className="page-header">
        <h1>Imports</h1>
      </div>
      {(workflows.error ?? history.error) && (
        <p className="banner error" role="alert">
          Could not load {workflows.error ? `the workflows: ${workflows.error}` : `the imports: ${history.error}`}
        </p>
      )}
      {canImport && (
        <ImportForm
          workflows={workflowList}
          onStarted={(started) => {
            setFollowed(started);
            history.reload();
          }}
        />
      )}
      {followed && (
        <ImportProgress key={followed.id} started={followed} canCancel={canImport} onFinished={history.reload} />
      )}
      <section className="section" aria-labelledby="imports-history-heading">
        <h2 id="imports-history-heading">Past imports</h2>
        <ImportHistory
          imports={history.data?.imports ?? []}
          workflows={workflowList}
          selected={followed?.id ?? null}
          onSelect={setFollowed}
        />
      </section>
    </main>
  );
}

import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { WorkflowDetail, WorkflowSummary } from '@leadflow/server/contract';
import { type Column, DataTable } from '../app/DataTable';
import { useLeadflow } from '../app/leadflow-context';
import { PromptDialog } from '../app/PromptDialog';
import { useLoad } from '../app/use-load';
import { errorMessage } from '../api/api-client';

type Dialog = { kind: 'create' } | { kind: 'rename' | 'duplicate'; workflow: WorkflowSummary } | null;

/** Every workflow with its published version and leads in flight; create, rename, duplicate, archive. */
export function WorkflowListPage() {
  const { api } = useLeadflow();
  const navigate = useNavigate();
  const [showArchived, setShowArchived] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const list = useLoad(() => api.get<{ workflows: WorkflowSummary[] }>('/api/workflows'), 'workflows');
  const workflows = (list.data?.workflows ?? []).filter((workflow) => showArchived || !workflow.archived);

  const act = async (action: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await action();
      list.reload();
    } catch (failure) {
      setActionError(errorMessage(failure));
    }
  };

  const columns: Column<WorkflowSummary>[] = [
    {
      header: 'Name',
      cell: (workflow) => (
        <>
          <Link to={`/workflows/${workflow.slug}`}>{workflow.name}</Link>{' '}
          {workflow.isDefault && <span className="badge accent">default</span>}{' '}
          {workflow.archived && <span className="badge">archived</span>}
          <div className="muted">{workflow.slug}</div>
        </>
      ),
    },
    {
      header: 'Published',
      cell: (workflow) =>
        workflow.publishedVersion ? `v${workflow.publishedVersion}` : <span className="badge warn">not published</span>,
    },
    { header: 'Leads in flight', cell: (workflow) => workflow.leadsInFlight },
    { header: 'Draft saved', cell: (workflow) => new Date(workflow.updatedAt).toLocaleString() },
    {
      header: 'Actions',
      hideHeader: true,
      style: { whiteSpace: 'nowrap' },
      cell: (workflow) => (
        <>
          <button
            type="button"
            onClick={() => setDialog({ kind: 'rename', workflow })}
            aria-label={`Rename ${workflow.name}`}
          >
            Rename
          </button>{' '}
          <button
            type="button"
            onClick={() => setDialog({ kind: 'duplicate', workflow })}
            aria-label={`Duplicate ${workflow.name}`}
          >
            Duplicate
          </button>{' '}
          {workflow.archived ? (
            <button
              type="button"
              onClick={() => act(() => api.request('POST', `/api/workflows/${workflow.id}/unarchive`))}
              aria-label={`Unarchive ${workflow.name}`}
            >
              Unarchive
            </button>
          ) : (
            <button
              type="button"
              className="danger"
              disabled={workflow.isDefault}
              title={workflow.isDefault ? 'The default workflow cannot be archived' : undefined}
              onClick={() => act(() => api.request('POST', `/api/workflows/${workflow.id}/archive`))}
              aria-label={`Archive ${workflow.name}`}
            >
              Archive
            </button>
          )}
        </>
      ),
    },
  ];

  return (
    <main className="page">
      <div className="page-header">
        <h1>Workflows</h1>
        <label>
          <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} />{' '}
          Show archived
        </label>
        <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
          New workflow
        </button>
      </div>
      {list.error && (
        <p className="banner error" role="alert">
          Could not load workflows: {list.error}
        </p>
      )}
      {actionError && (
        <p className="banner error" role="alert">
          {actionError}
        </p>
      )}
      <DataTable
        label="Workflows"
        columns={columns}
        rows={workflows}
        rowKey={(workflow) => workflow.id}
        loading={list.loading && !list.data}
        loadingStatus="Loading workflows…"
        empty="No workflows yet. Create one to start drawing."
      />
      {dialog?.kind === 'create' && (
        <PromptDialog
          title="New workflow"
          label="Name"
          submitLabel="Create"
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            const created = await api.request<WorkflowDetail>('POST', '/api/workflows', { name });
            navigate(`/workflows/${created.slug}`);
          }}
        />
      )}
      {dialog?.kind === 'rename' && (
        <PromptDialog
          title={`Rename ${dialog.workflow.name}`}
          label="Name"
          initial={dialog.workflow.name}
          submitLabel="Rename"
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            await api.request('PATCH', `/api/workflows/${dialog.workflow.id}`, { name });
            list.reload();
          }}
        />
      )}
      {dialog?.kind === 'duplicate' && (
        <PromptDialog
          title={`Duplicate ${dialog.workflow.name}`}
          label="Name of the copy"
          initial={`${dialog.workflow.name} (copy)`}
          submitLabel="Duplicate"
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            await api.request('POST', `/api/workflows/${dialog.workflow.id}/duplicate`, { name });
            list.reload();
          }}
        />
      )}
    </main>
  );
}

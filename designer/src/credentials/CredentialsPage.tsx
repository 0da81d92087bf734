import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { WorkflowSummary } from '@leadflow/server/contract';
import { type Column, DataTable } from '../app/DataTable';
import { useLeadflow } from '../app/leadflow-context';
import { PromptDialog } from '../app/PromptDialog';
import { useLoad } from '../app/use-load';
import { WorkflowLinks } from '../app/WorkflowLinks';
import { CredentialDialog } from './CredentialDialog';
import type { Credential } from './credential-types';
import { DeleteCredentialDialog } from './DeleteCredentialDialog';
import { loadCredentials } from './use-credential-choices';
import '../app/admin-pages.css';

type Dialog =
  { kind: 'create'; initialKind?: string } | { kind: 'replace' | 'rename' | 'delete'; credential: Credential } | null;

const when = (at: string | null): string | null => (at ? new Date(at).toLocaleString() : null);

/**
 * Credentials (admins, editors): the secrets nodes name — vendor API keys, Slack and webhook
 * URLs. Listed with their fingerprint, last use and the workflows using them; made, renamed,
 * given a new secret or deleted here. A secret is typed once and never shown again.
 */
export function CredentialsPage() {
  const { api } = useLeadflow();
  const [search, setSearch] = useSearchParams();
  // A node form's "New credential…" opens this page with ?new=<kind>: the dialog is open at once.
  const [dialog, setDialog] = useState<Dialog>(() =>
    search.has('new') ? { kind: 'create', initialKind: search.get('new') ?? undefined } : null,
  );
  const [saved, setSaved] = useState<string | null>(null);
  const list = useLoad(() => loadCredentials(api), 'credentials');
  const workflows = useLoad(
    () => api.get<{ workflows: WorkflowSummary[] }>('/api/workflows').then((body) => body.workflows),
    'credential-workflows',
  );
  const credentials = list.data?.credentials ?? [];
  const kinds = list.data?.kinds ?? [];
  const kindTitle = (kind: string) => kinds.find((known) => known.kind === kind)?.title ?? kind;
  const columns: Column<Credential>[] = [
    {
      header: 'Name',
      cell: (credential) => (
        <>
          {credential.name}
          <div className="muted">by {credential.createdBy}</div>
        </>
      ),
    },
    { header: 'Kind', cell: (credential) => kindTitle(credential.kind) },
    {
      header: 'Fingerprint',
      cell: (credential) => (
        <>
          <code title="A one-way hash of the secret: it tells two secrets apart and reveals nothing">
            {credential.fingerprint}
          </code>
          <div className="muted">changed {when(credential.updatedAt)}</div>
        </>
      ),
    },
    { header: 'Last used', cell: (credential) => when(credential.lastUsedAt) ?? <span className="muted">never</span> },
    {
      header: 'Used by',
      cell: (credential) =>
        credential.usedBy.length > 0 ? (
          <WorkflowLinks
            slugs={credential.usedBy}
            workflows={workflows.data ?? []}
            label={`Workflows using ${credential.name}`}
          />
        ) : (
          <span className="muted">no workflow</span>
        ),
    },
    {
      header: 'Actions',
      hideHeader: true,
      className: 'actions',
      cell: (credential) => (
        <>
          <button
            type="button"
            onClick={() => setDialog({ kind: 'rename', credential })}
            aria-label={`Rename ${credential.name}`}
          >
            Rename
          </button>{' '}
          <button
            type="button"
            onClick={() => setDialog({ kind: 'replace', credential })}
            aria-label={`Replace the secret of ${credential.name}`}
          >
            Replace secret
          </button>{' '}
          <button
            type="button"
            className="danger"
            onClick={() => setDialog({ kind: 'delete', credential })}
            aria-label={`Delete ${credential.name}`}
          >
            Delete
          </button>
        </>
      ),
    },
  ];
  const close = () => {
    setDialog(null);
    if (search.has('new')) setSearch({}, { replace: true });
  };

  return (
    <main className="page credentials">
      <div className="page-header">
        <h1>Credentials</h1>
        <button
          type="button"
          className="primary"
          disabled={kinds.length === 0}
          onClick={() => setDialog({ kind: 'create' })}
        >
          New credential
        </button>
      </div>
      <p className="muted">
        API keys, Slack and webhook addresses that http, enrich and notify nodes use by name. Each secret is stored
        sealed and never shown again, here or through the API; the fingerprint changes when it is replaced.
      </p>
      {list.error && (
        <p className="banner error" role="alert">
          Could not load the credentials: {list.error}
        </p>
      )}
      {saved && (
        <p className="banner info" role="status">
          {saved}
        </p>
      )}
      <DataTable
        label="Credentials"
        busy={list.loading}
        columns={columns}
        rows={credentials}
        rowKey={(credential) => credential.id}
        loading={list.loading}
        loadingRow="Loading the credentials…"
        empty="No credentials yet. Make one for each API key or webhook a node needs."
      />
      {(dialog?.kind === 'create' || dialog?.kind === 'replace') && kinds.length > 0 && (
        <CredentialDialog
          kinds={kinds}
          replacing={dialog.kind === 'replace' ? dialog.credential : undefined}
          initialKind={dialog.kind === 'create' ? dialog.initialKind : undefined}
          onClose={close}
          onSaved={(credential) => {
            setSaved(
              dialog.kind === 'create'
                ? `Saved ${credential.name}. Choose it in a node's form; its secret will not be shown again.`
                : `Replaced the secret of ${credential.name} (fingerprint ${credential.fingerprint}).`,
            );
            list.reload();
          }}
        />
      )}
      {dialog?.kind === 'rename' && (
        <PromptDialog
          title={`Rename ${dialog.credential.name}`}
          label="Name"
          initial={dialog.credential.name}
          submitLabel="Rename"
          onClose={close}
          onSubmit={async (name) => {
            await api.request('PATCH', `/api/credentials/${dialog.credential.id}`, { name });
            list.reload();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteCredentialDialog
          credential={dialog.credential}
          workflows={workflows.data ?? []}
          onClose={close}
          onDeleted={() => {
            setSaved(`Deleted ${dialog.credential.name}.`);
            list.reload();
          }}
        />
      )}
    </main>
  );
}

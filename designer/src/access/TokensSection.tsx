import { useState } from 'react';
import type { ApiToken, Rep } from '@leadflow/server/contract';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { type Column, DataTable } from '../app/DataTable';
import { useLeadflow } from '../app/leadflow-context';
import { SecretOnce } from '../app/SecretOnce';
import { useLoad } from '../app/use-load';
import { NewTokenDialog } from './NewTokenDialog';

const when = (at: string | null): string => (at ? new Date(at).toLocaleString() : '');

/** API tokens (admins only): list, create (the secret shown once), revoke. `onChange` follows each change. */
export function TokensSection({ onChange }: { onChange(): void }) {
  const { api, principal } = useLeadflow();
  const list = useLoad(() => api.get<{ tokens: ApiToken[] }>('/api/tokens'), 'tokens');
  const reps = useLoad(() => api.get<{ reps: Rep[] }>('/api/reps'), 'token-reps');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [created, setCreated] = useState<(ApiToken & { token: string }) | null>(null);
  const repName = (repId: string | null) =>
    repId ? (reps.data?.reps.find((rep) => rep.id === repId)?.name ?? repId) : '';
  const changed = () => {
    list.reload();
    onChange();
  };
  const columns: Column<ApiToken>[] = [
    {
      header: 'Name',
      cell: (token) => (
        <>
          {token.name}
          <div className="muted">
            <code>{token.prefix}…</code>
          </div>
        </>
      ),
    },
    { header: 'Role', cell: (token) => token.role },
    { header: 'Rep', cell: (token) => repName(token.repId) },
    {
      header: 'Created',
      cell: (token) => (
        <>
          {when(token.createdAt)}
          <div className="muted">by {token.createdBy}</div>
        </>
      ),
    },
    { header: 'Last used', cell: (token) => when(token.lastUsedAt) || <span className="muted">never</span> },
    {
      header: 'Expires',
      cell: (token) =>
        !token.expiresAt ? (
          <span className="muted">never</span>
        ) : Date.parse(token.expiresAt) <= Date.now() ? (
          <span className="badge error">expired {when(token.expiresAt)}</span>
        ) : (
          when(token.expiresAt)
        ),
    },
    {
      header: 'Revoked',
      cell: (token) => (token.revokedAt ? <span className="badge error">{when(token.revokedAt)}</span> : ''),
    },
    {
      header: 'Actions',
      hideHeader: true,
      className: 'actions',
      cell: (token) =>
        !token.revokedAt && (
          <button
            type="button"
            className="danger"
            onClick={() => setRevoking(token)}
            aria-label={`Revoke ${token.name}`}
            disabled={token.id === principal.tokenId}
            title={token.id === principal.tokenId ? 'This is the token you are signed in with' : undefined}
          >
            Revoke
          </button>
        ),
    },
  ];

  return (
    <section className="section" aria-labelledby="tokens-heading">
      <div className="section-header">
        <h2 id="tokens-heading">API tokens</h2>
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New token
        </button>
      </div>
      {(list.error ?? reps.error) && (
        <p className="banner error" role="alert">
          Could not load the {list.error ? `tokens: ${list.error}` : `reps: ${reps.error}`}
        </p>
      )}
      {created && (
        <div className="panel" role="region" aria-label={`Token ${created.name}`}>
          <h3>
            Token for {created.name} ({created.role})
          </h3>
          <SecretOnce
            label="Token"
            value={created.token}
            hint="Leadflow stores only a hash of it. Whoever holds it acts with this role until it is revoked; send it over a private channel."
          />
          <button type="button" onClick={() => setCreated(null)}>
            I have stored it
          </button>
        </div>
      )}
      <DataTable label="API tokens" columns={columns} rows={list.data?.tokens ?? []} rowKey={(token) => token.id} />
      {creating && (
        <NewTokenDialog
          reps={reps.data?.reps ?? []}
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreated(token);
            changed();
          }}
        />
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          message="Requests with this token are refused from the next one on. This cannot be undone; issue a new token if it is still needed."
          confirmLabel="Revoke token"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await api.request('DELETE', `/api/tokens/${revoking.id}`);
            changed();
          }}
        />
      )}
    </section>
  );
}

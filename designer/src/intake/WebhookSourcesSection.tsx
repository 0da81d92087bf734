import { useState } from 'react';
import type { WebhookSource, WebhookSourceWithSecret, WorkflowSummary } from '@leadflow/server/contract';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { type Column, DataTable } from '../app/DataTable';
import { useLeadflow } from '../app/leadflow-context';
import { SchemaFormDialog } from '../app/SchemaFormDialog';
import { SecretOnce } from '../app/SecretOnce';
import { useLoad } from '../app/use-load';
import { workflowName, workflowSlug } from './channel-schema';
import { SigningHelp } from './SigningHelp';
import { useChannelSchema } from './use-body-schema';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'rotate' | 'delete'; source: WebhookSource } | null;

/** Webhook sources: list, create (secret shown once), edit, rotate the secret, delete, and how to sign. */
export function WebhookSourcesSection({ workflows }: { workflows: readonly WorkflowSummary[] }) {
  const { api } = useLeadflow();
  const list = useLoad(() => api.get<{ sources: WebhookSource[] }>('/api/webhook-sources'), 'webhook-sources');
  const { schema, error: schemaError } = useChannelSchema('/api/webhook-sources', workflows);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [revealed, setRevealed] = useState<WebhookSourceWithSecret | null>(null);
  const sources = list.data?.sources ?? [];
  const columns: Column<WebhookSource>[] = [
    {
      header: 'Name',
      cell: (source) => (
        <>
          {source.name} {!source.active && <span className="badge warn">inactive</span>}
          {source.previousSecretValidUntil && (
            <div className="muted">
              old secret accepted until {new Date(source.previousSecretValidUntil).toLocaleString()}
            </div>
          )}
        </>
      ),
    },
    { header: 'Workflow', cell: (source) => workflowName(source.workflowId, workflows) },
    { header: 'Endpoint', cell: (source) => <code>{source.endpoint}</code> },
    {
      header: 'Field mapping',
      cell: (source) =>
        source.fieldMapping ? (
          Object.keys(source.fieldMapping).join(', ')
        ) : (
          <span className="muted">none: the body is a lead as POST /api/leads takes it</span>
        ),
    },
    {
      header: 'Actions',
      hideHeader: true,
      className: 'actions',
      cell: (source) => (
        <>
          <button
            type="button"
            disabled={!schema}
            onClick={() => setDialog({ kind: 'edit', source })}
            aria-label={`Edit ${source.name}`}
          >
            Edit
          </button>{' '}
          <button
            type="button"
            onClick={() => setDialog({ kind: 'rotate', source })}
            aria-label={`Rotate the secret of ${source.name}`}
          >
            Rotate secret
          </button>{' '}
          <button
            type="button"
            className="danger"
            onClick={() => setDialog({ kind: 'delete', source })}
            aria-label={`Delete ${source.name}`}
          >
            Delete
          </button>
        </>
      ),
    },
  ];

  return (
    <section className="section" aria-labelledby="webhooks-heading">
      <div className="section-header">
        <h2 id="webhooks-heading">Webhook sources</h2>
        <button type="button" className="primary" disabled={!schema} onClick={() => setDialog({ kind: 'create' })}>
          New webhook source
        </button>
      </div>
      <p className="muted">Ad platforms and other systems post leads to a source's endpoint, signed with its secret.</p>
      {(list.error ?? schemaError) && (
        <p className="banner error" role="alert">
          {list.error
            ? `Could not load the webhook sources: ${list.error}`
            : `The source editor is unavailable: ${schemaError}`}
        </p>
      )}
      {revealed?.secret && (
        <div className="panel" role="region" aria-label={`Secret of ${revealed.name}`}>
          <h3>Signing secret of {revealed.name}</h3>
          <SecretOnce
            label="Secret"
            value={revealed.secret}
            hint="Store it in the sender; Leadflow keeps only what it needs to check signatures and cannot show it again. Rotate it if it is lost."
          />
          <button type="button" onClick={() => setRevealed(null)}>
            I have stored it
          </button>
        </div>
      )}
      <DataTable
        label="Webhook sources"
        columns={columns}
        rows={sources}
        rowKey={(source) => source.id}
        loading={list.loading}
        empty="No webhook sources yet."
      />
      <SigningHelp endpoint={revealed?.endpoint ?? sources[0]?.endpoint ?? '/intake/webhooks/<source id>'} />
      {schema && (dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <SchemaFormDialog
          title={dialog.kind === 'create' ? 'New webhook source' : `Edit ${dialog.source.name}`}
          submitLabel={dialog.kind === 'create' ? 'Create' : 'Save'}
          schema={schema}
          initial={
            dialog.kind === 'create'
              ? { name: '' }
              : {
                  name: dialog.source.name,
                  workflow: workflowSlug(dialog.source.workflowId, workflows),
                  fieldMapping: dialog.source.fieldMapping,
                  active: dialog.source.active,
                }
          }
          onClose={() => setDialog(null)}
          onSubmit={async (value) => {
            if (dialog.kind === 'create')
              setRevealed(await api.request<WebhookSourceWithSecret>('POST', '/api/webhook-sources', value));
            else await api.request('PATCH', `/api/webhook-sources/${dialog.source.id}`, value);
            list.reload();
          }}
        />
      )}
      {dialog?.kind === 'rotate' && (
        <ConfirmDialog
          title={`Rotate the secret of ${dialog.source.name}?`}
          message="A new secret is made and shown once. The old one keeps working for 24 hours, time to update the sender."
          confirmLabel="Rotate secret"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            setRevealed(
              await api.request<WebhookSourceWithSecret>('POST', `/api/webhook-sources/${dialog.source.id}/rotate`),
            );
            list.reload();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${dialog.source.name}?`}
          message="Deliveries to its endpoint are refused from now on. Leads it already sent stay."
          confirmLabel="Delete source"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.request('DELETE', `/api/webhook-sources/${dialog.source.id}`);
            if (revealed?.id === dialog.source.id) setRevealed(null);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

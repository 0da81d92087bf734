import { useState } from 'react';
import type { WebForm, WorkflowSummary } from '@leadflow/server/contract';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { type Column, DataTable } from '../app/DataTable';
import { useLeadflow } from '../app/leadflow-context';
import { SchemaFormDialog } from '../app/SchemaFormDialog';
import { useLoad } from '../app/use-load';
import { workflowName, workflowSlug } from './channel-schema';
import { FormSnippet } from './FormSnippet';
import { useChannelSchema } from './use-body-schema';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'delete'; form: WebForm } | null;

/** What the edit form starts from: the stored form in the create body's terms. */
function editable(form: WebForm, workflows: readonly WorkflowSummary[]): Record<string, unknown> {
  return {
    name: form.name,
    allowedOrigins: form.allowedOrigins,
    workflow: workflowSlug(form.workflowId, workflows),
    honeypotField: form.honeypotField,
    rateLimitPerMinute: form.rateLimitPerMinute,
    redirectUrl: form.redirectUrl,
    active: form.active,
  };
}

/** Web forms: list, create and edit through the API's own body schema, show the snippet, delete. */
export function FormsSection({ workflows }: { workflows: readonly WorkflowSummary[] }) {
  const { api } = useLeadflow();
  const list = useLoad(() => api.get<{ forms: WebForm[] }>('/api/forms'), 'forms');
  const { schema, error: schemaError } = useChannelSchema('/api/forms', workflows);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [shown, setShown] = useState<string | null>(null);
  const forms = list.data?.forms ?? [];
  const shownForm = forms.find((form) => form.id === shown);
  const columns: Column<WebForm>[] = [
    {
      header: 'Name',
      cell: (form) => (
        <>
          {form.name} {!form.active && <span className="badge warn">inactive</span>}
        </>
      ),
    },
    { header: 'Workflow', cell: (form) => workflowName(form.workflowId, workflows) },
    {
      header: 'Allowed origins',
      cell: (form) =>
        form.allowedOrigins.length ? (
          form.allowedOrigins.join(', ')
        ) : (
          <span className="muted">any (server-side posts only)</span>
        ),
    },
    { header: 'Rate limit', cell: (form) => `${form.rateLimitPerMinute}/min per IP` },
    { header: 'Public key', cell: (form) => <code>{form.publicKey}</code> },
    {
      header: 'Actions',
      hideHeader: true,
      className: 'actions',
      cell: (form) => (
        <>
          <button
            type="button"
            aria-pressed={shown === form.id}
            onClick={() => setShown(shown === form.id ? null : form.id)}
            aria-label={`Snippet of ${form.name}`}
          >
            Snippet
          </button>{' '}
          <button
            type="button"
            disabled={!schema}
            onClick={() => setDialog({ kind: 'edit', form })}
            aria-label={`Edit ${form.name}`}
          >
            Edit
          </button>{' '}
          <button
            type="button"
            className="danger"
            onClick={() => setDialog({ kind: 'delete', form })}
            aria-label={`Delete ${form.name}`}
          >
            Delete
          </button>
        </>
      ),
    },
  ];

  return (
    <section className="section" aria-labelledby="forms-heading">
      <div className="section-header">
        <h2 id="forms-heading">Web forms</h2>
        <button type="button" className="primary" disabled={!schema} onClick={() => setDialog({ kind: 'create' })}>
          New web form
        </button>
      </div>
      <p className="muted">
        A form on your site posts to Leadflow with its public key; only pages on its allowed origins may post it from a
        browser.
      </p>
      <DataTable
        label="Web forms"
        columns={columns}
        rows={forms}
        rowKey={(form) => form.id}
        loading={list.loading}
        empty="No web forms yet."
        error={
          list.error
            ? `Could not load the forms: ${list.error}`
            : schemaError && `The form editor is unavailable: ${schemaError}`
        }
      />
      {shownForm && <FormSnippet form={shownForm} />}
      {schema && (dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <SchemaFormDialog
          title={dialog.kind === 'create' ? 'New web form' : `Edit ${dialog.form.name}`}
          submitLabel={dialog.kind === 'create' ? 'Create' : 'Save'}
          schema={schema}
          initial={dialog.kind === 'create' ? { name: '' } : editable(dialog.form, workflows)}
          onClose={() => setDialog(null)}
          onSubmit={async (value) => {
            const saved =
              dialog.kind === 'create'
                ? await api.request<WebForm>('POST', '/api/forms', value)
                : await api.request<WebForm>('PATCH', `/api/forms/${dialog.form.id}`, value);
            setShown(saved.id);
            list.reload();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${dialog.form.name}?`}
          message="Its public key stops working at once: pages that embed this form can no longer post leads. Leads it already captured stay."
          confirmLabel="Delete form"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.request('DELETE', `/api/forms/${dialog.form.id}`);
            if (shown === dialog.form.id) setShown(null);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

import { useState } from 'react';
import type { WorkflowSummary } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import { DeleteEventTypeDialog } from './DeleteEventTypeDialog';
import { EventTypeDialog } from './EventTypeDialog';
import type { EventType } from './event-type-types';
import { EventTypeTable } from './EventTypeTable';
import '../app/admin-pages.css';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'delete'; type: EventType } | null;

/**
 * The event catalog: built-in types and custom ones, what each carries and who may post it.
 * Admins and editors declare, edit and delete custom types; viewers read.
 */
export function EventTypesPage() {
  const { api, principal } = useLeadflow();
  const mayEdit = principal.role === 'admin' || principal.role === 'editor';
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useLoad(
    () => api.get<{ eventTypes: EventType[] }>('/api/event-types').then((body) => body.eventTypes),
    'event-types',
  );
  const workflows = useLoad(
    () => api.get<{ workflows: WorkflowSummary[] }>('/api/workflows').then((body) => body.workflows),
    'event-type-workflows',
  );
  const custom = (list.data ?? []).filter((type) => !type.builtIn);
  const builtIn = (list.data ?? []).filter((type) => type.builtIn);

  return (
    <main className="page event-types">
      <div className="page-header">
        <h1>Event types</h1>
        {!mayEdit && <span className="badge">read only</span>}
        {mayEdit && (
          <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
            New event type
          </button>
        )}
      </div>
      <p className="muted">
        What a lead's run can wait for, score and recycle on, and what your systems post to a lead (POST
        /api/leads/:id/events). A post of a type not listed here is refused, naming the closest match.
      </p>
      {list.error && (
        <p className="banner error" role="alert">
          Could not load the event types: {list.error}
        </p>
      )}
      {notice && (
        <p className="banner info" role="status">
          {notice}
        </p>
      )}
      <h2>Your event types</h2>
      <EventTypeTable
        label="Custom event types"
        types={custom}
        empty={
          list.loading
            ? 'Loading the event types…'
            : 'None yet. Declare the events your other systems send: webinar attended, trial started, …'
        }
        actions={
          mayEdit
            ? (type) => (
                <>
                  <button
                    type="button"
                    onClick={() => setDialog({ kind: 'edit', type })}
                    aria-label={`Edit ${type.label}`}
                  >
                    Edit
                  </button>{' '}
                  <button
                    type="button"
                    className="danger"
                    onClick={() => setDialog({ kind: 'delete', type })}
                    aria-label={`Delete ${type.label}`}
                  >
                    Delete
                  </button>
                </>
              )
            : undefined
        }
      />
      <h2 className="section-gap">Built in</h2>
      <EventTypeTable
        label="Built-in event types"
        types={builtIn}
        empty={list.loading ? 'Loading the event types…' : 'None.'}
      />
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <EventTypeDialog
          editing={dialog.kind === 'edit' ? dialog.type : undefined}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setNotice(
              dialog.kind === 'create'
                ? `Declared ${saved.label} (${saved.name}): wait, recycle and score nodes can now pick it.`
                : `Saved ${saved.label}.`,
            );
            list.reload();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteEventTypeDialog
          type={dialog.type}
          workflows={workflows.data ?? []}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            setNotice(`Deleted ${dialog.type.label}.`);
            list.reload();
          }}
        />
      )}
    </main>
  );
}

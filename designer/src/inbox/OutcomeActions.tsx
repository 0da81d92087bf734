import { useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { Lead, OutcomeCatalog, PostedEvent } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import { leadName } from '../leads/lead-names';
import { type DialogOutcome, OutcomeDialog } from './OutcomeDialog';

const SENT: Record<string, string> = {
  contacted: 'Marked contacted',
  meeting_booked: 'Meeting recorded',
  disqualified: 'Disqualified',
};

/**
 * A rep's outcome buttons for one lead. Each post carries a fresh Idempotency-Key, made once per
 * click or per dialog, so a retried request records the outcome once.
 */
export function OutcomeActions({
  lead,
  catalog,
  onRecorded,
}: {
  lead: Lead;
  catalog: OutcomeCatalog;
  onRecorded(summary: string): void;
}) {
  const { api } = useLeadflow();
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<DialogOutcome | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const name = leadName(lead);

  /** Posts the outcome; throws for the dialog to show, and reports here either way. */
  const record = async (type: string, data: Record<string, unknown> = {}, key: string = crypto.randomUUID()) => {
    setBusy(true);
    setMessage(null);
    try {
      const answer = await api.request<PostedEvent>(
        'POST',
        `/api/leads/${lead.id}/events`,
        { type, data },
        { 'idempotency-key': key },
      );
      const reaction = answer.delivered ? 'its workflow took it' : 'its workflow is not running';
      const text = `${SENT[type] ?? type}${answer.replayed ? ' (already recorded)' : ''}: ${reaction}.`;
      setMessage({ text, error: false });
      onRecorded(`${name}: ${text}`);
    } catch (failure) {
      setMessage({ text: errorMessage(failure), error: true });
      throw failure;
    } finally {
      setBusy(false);
    }
  };

  const disqualified = lead.stage === 'disqualified';
  const messageId = `outcome-${lead.id}`;
  return (
    <div
      className="outcome-actions"
      role="group"
      aria-label={`Outcome for ${name}`}
      aria-describedby={message ? messageId : undefined}
    >
      <div className="actions">
        <button
          type="button"
          onClick={() => void record('contacted').catch(() => undefined)}
          disabled={busy || disqualified}
          aria-busy={busy}
        >
          {busy && dialog === null && <span className="spinner" aria-hidden="true" />}
          Contacted
        </button>
        <button type="button" onClick={() => setDialog('meeting_booked')} disabled={busy || disqualified}>
          Meeting booked…
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => setDialog('disqualified')}
          disabled={busy || disqualified}
        >
          Disqualify…
        </button>
      </div>
      {message && (
        <p id={messageId} className={message.error ? 'error-text' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {dialog && (
        <DialogFor type={dialog} name={name} catalog={catalog} record={record} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}

/** The dialog with its own Idempotency-Key: resubmitting after a failure reuses it. */
function DialogFor({
  type,
  name,
  catalog,
  record,
  onClose,
}: {
  type: DialogOutcome;
  name: string;
  catalog: OutcomeCatalog;
  record(type: string, data: Record<string, unknown>, key: string): Promise<void>;
  onClose(): void;
}) {
  const [key] = useState(() => crypto.randomUUID());
  return (
    <OutcomeDialog
      type={type}
      leadName={name}
      catalog={catalog}
      onSubmit={(data) => record(type, data, key)}
      onClose={onClose}
    />
  );
}

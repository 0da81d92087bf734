import { useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { Lead } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';

const ACTIONS = [
  { type: 'contacted', label: 'Mark contacted' },
  { type: 'replied', label: 'Mark replied' },
  { type: 'meeting_booked', label: 'Meeting booked' },
] as const;

/** Post an event to the lead's workflow: the same signal a rep's CRM or inbox would send. */
export function LeadActions({ lead, onPosted }: { lead: Lead; onPosted(): void }) {
  const { api } = useLeadflow();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const post = async (type: string, data?: Record<string, unknown>) => {
    setBusy(type);
    setMessage(null);
    try {
      const answer = await api.request<{ delivered: boolean }>('POST', `/api/leads/${lead.id}/events`, {
        type,
        ...(data && { data }),
      });
      setMessage({
        text: answer.delivered
          ? `Sent "${type}" to the lead's workflow.`
          : `Recorded "${type}"; the lead's workflow is not running, so nothing reacted.`,
        error: false,
      });
      onPosted();
    } catch (failure) {
      setMessage({ text: errorMessage(failure), error: true });
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
      <div className="actions">
        {ACTIONS.map((action) => (
          <button key={action.type} type="button" onClick={() => post(action.type)} disabled={busy !== null}>
            {busy === action.type && <span className="spinner" aria-hidden="true" />}
            {action.label}
          </button>
        ))}
        {lead.run.status === 'error' && (
          <button type="button" className="primary" onClick={() => post('retry')} disabled={busy !== null}>
            Retry the failed node
          </button>
        )}
      </div>
      {message && (
        <p className={message.error ? 'error-text' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { Lead } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';

/**
 * Erasure on a data-subject request (admins): what it does, then the lead's email typed as the
 * confirmation — nothing here can be undone.
 */
export function EraseLeadDialog({ lead, onErased, onClose }: { lead: Lead; onErased(): void; onClose(): void }) {
  const { api } = useLeadflow();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const confirmed = typed.trim().toLowerCase() === lead.email.toLowerCase();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed) return;
    setBusy(true);
    setError(null);
    try {
      await api.request('DELETE', `/api/leads/${lead.id}?erase=true`);
      onErased();
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      onCancel={(event) => busy && event.preventDefault()}
      aria-labelledby={`${id}-title`}
      className="form-dialog"
    >
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>Erase this lead?</h2>
        <p>Erasing honours a request to be forgotten. It cannot be undone:</p>
        <ul>
          <li>its run stops at once;</li>
          <li>its name, email, phone, company, fields, event data and step details are removed;</li>
          <li>its Temporal history can no longer be read.</li>
        </ul>
        <p className="muted">
          A record without personal data stays (path, step and event kinds and times), so the metrics keep counting it.
        </p>
        <label htmlFor={`${id}-email`}>
          Type the lead's email, <strong>{lead.email}</strong>, to confirm
        </label>
        <input
          id={`${id}-email`}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          autoFocus
        />
        {error && (
          <p role="alert" className="error-text">
            Erasing failed: {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => ref.current?.close()} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="primary danger-fill" disabled={busy || !confirmed}>
            {busy && <span className="spinner" aria-hidden="true" />}
            {busy ? 'Erasing…' : 'Erase lead'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

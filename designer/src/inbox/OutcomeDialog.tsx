import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-client';
import type { OutcomeCatalog } from '@leadflow/server/contract';

export type DialogOutcome = 'meeting_booked' | 'disqualified';

export interface OutcomeDialogProps {
  type: DialogOutcome;
  leadName: string;
  catalog: OutcomeCatalog;
  /** Posts the outcome's data; a thrown error is shown next to the field it names, and the dialog stays open. */
  onSubmit(data: Record<string, unknown>): Promise<void>;
  onClose(): void;
}

/** Asks for what an outcome needs: a disqualification's reason (and a note), a meeting's time (optional). */
export function OutcomeDialog({ type, leadName, catalog, onSubmit, onClose }: OutcomeDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState('');
  const [meetingAt, setMeetingAt] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const disqualifying = type === 'disqualified';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    const data: Record<string, unknown> = {};
    if (disqualifying) data.reason = reason;
    if (meetingAt) data.meetingAt = new Date(meetingAt).toISOString();
    if (note.trim()) data.note = note.trim();
    try {
      await onSubmit(data);
      onClose();
    } catch (failure) {
      // Paint each named field's problem beside it; anything else goes at the bottom.
      const named = failure instanceof ApiError ? failure.problems.filter((p) => p.path.startsWith('data.')) : [];
      setErrors(
        named.length > 0
          ? Object.fromEntries(named.map((p) => [p.path.slice(5), p.message]))
          : { form: errorMessage(failure) },
      );
      setBusy(false);
    }
  };

  const fieldError = (field: string) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} role="alert" className="error-text">
        {errors[field]}
      </p>
    ) : null;
  const describedBy = (field: string) => (errors[field] ? `${id}-${field}-error` : undefined);

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>
          {disqualifying ? 'Disqualify' : 'Meeting booked with'} {leadName}
        </h2>
        {disqualifying ? (
          <>
            <label htmlFor={`${id}-reason`}>Reason</label>
            <select
              id={`${id}-reason`}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              required
              aria-invalid={Boolean(errors.reason)}
              aria-describedby={describedBy('reason')}
              autoFocus
            >
              <option value="">Choose a reason…</option>
              {catalog.disqualificationReasons.map((choice) => (
                <option key={choice.code} value={choice.code}>
                  {choice.label}
                </option>
              ))}
            </select>
            {fieldError('reason')}
          </>
        ) : (
          <>
            <label htmlFor={`${id}-at`}>Meeting time (optional)</label>
            <input
              id={`${id}-at`}
              type="datetime-local"
              value={meetingAt}
              onChange={(event) => setMeetingAt(event.target.value)}
              aria-describedby={describedBy('meetingAt')}
              autoFocus
            />
            {fieldError('meetingAt')}
          </>
        )}
        <label htmlFor={`${id}-note`}>Note (optional)</label>
        <textarea
          id={`${id}-note`}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          rows={3}
          maxLength={500}
          aria-describedby={describedBy('note')}
        />
        {fieldError('note')}
        {fieldError('form')}
        <div className="dialog-actions">
          <button type="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button
            type="submit"
            className={disqualifying ? 'primary danger-fill' : 'primary'}
            disabled={busy}
            aria-busy={busy}
          >
            {busy && <span className="spinner" aria-hidden="true" />}
            {disqualifying ? 'Disqualify' : 'Record meeting'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

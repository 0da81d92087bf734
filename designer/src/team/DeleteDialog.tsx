import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, errorMessage, teamModelApi } from '../api/api-client';
import type { TeamRow } from '../api/api-client';
import { useLeadflow } from '../app/leadflow-context';
import type { EntityConfig } from './entities';

/** Confirms a delete, saying first what it will do; shows what the server did or why it refused. */
export function DeleteDialog({
  config,
  row,
  onDone,
  onClose,
}: {
  config: EntityConfig;
  row: TeamRow;
  onDone(): void;
  onClose(): void;
}) {
  const { api } = useLeadflow();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const [archived, setArchived] = useState(false);
  useEffect(() => ref.current?.showModal(), []);

  const confirm = async () => {
    setBusy(true);
    try {
      const result = await teamModelApi.remove(api, `${config.path}/${encodeURIComponent(row.id)}`);
      onDone();
      if (result.outcome === 'archived') setArchived(true);
      else ref.current?.close();
    } catch (failure) {
      setRefusal(
        failure instanceof ApiError && failure.problems.length
          ? failure.problems.map((p) => p.message)
          : [errorMessage(failure)],
      );
    } finally {
      setBusy(false);
    }
  };

  const name = `${config.noun} ${config.label(row)}`;
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`} aria-describedby={`${id}-note`}>
      <h2 id={`${id}-title`}>Delete {name}?</h2>
      <p id={`${id}-note`}>{config.deleteNote}</p>
      {refusal && (
        <div className="banner error" role="alert">
          {name} cannot be deleted:
          <ul>
            {refusal.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {archived && (
        <p className="banner info" role="status">
          {name} is still named by leads or history, so they were archived: inactive and hidden, history kept.
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()} autoFocus>
          {archived || refusal ? 'Close' : 'Cancel'}
        </button>
        {!archived && !refusal && (
          <button type="button" className="danger" onClick={confirm} disabled={busy}>
            {busy && <span className="spinner" aria-hidden="true" />} Delete
          </button>
        )}
      </div>
    </dialog>
  );
}

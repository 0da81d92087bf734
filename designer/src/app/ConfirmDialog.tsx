import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../api/api-client';
import './admin-pages.css';

export interface ConfirmDialogProps {
  title: string;
  /** What happens and what cannot be undone. */
  message: string;
  confirmLabel: string;
  /** More to read under the message (e.g. the workflows that still use what is being deleted). */
  children?: ReactNode;
  /** The action cannot be taken now; `children` should say why. */
  confirmDisabled?: boolean;
  /** Resolves when done; a thrown error is shown in the dialog, which stays open. */
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** A modal asking "are you sure?" before a destructive action, with its own busy and error state. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={ref}
      onClose={props.onClose}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      className="confirm-dialog"
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p id={`${id}-message`}>{props.message}</p>
      {props.children}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="primary danger-fill"
          disabled={busy || props.confirmDisabled}
          onClick={confirm}
        >
          {busy ? <span className="spinner" aria-hidden="true" /> : null}
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';

export interface PromptDialogProps {
  title: string;
  label: string;
  initial?: string;
  submitLabel: string;
  multiline?: boolean;
  /** Resolves when done; a thrown error is shown in the dialog, which stays open. */
  onSubmit(value: string): Promise<void>;
  onClose(): void;
  required?: boolean;
}

/** A modal asking for one value (a name, a publish note), with its own busy and error state. */
export function PromptDialog(props: PromptDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [value, setValue] = useState(props.initial ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(value.trim());
      props.onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };
  const Input = props.multiline ? 'textarea' : 'input';
  return (
    <dialog ref={ref} onClose={props.onClose} aria-labelledby={`${id}-title`}>
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>{props.title}</h2>
        <label htmlFor={`${id}-value`}>{props.label}</label>
        <Input
          id={`${id}-value`}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          autoFocus
          rows={props.multiline ? 4 : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <p id={`${id}-error`} role="alert" className="error-text">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || (props.required !== false && !value.trim())}>
            {busy ? <span className="spinner" aria-hidden="true" /> : null}
            {props.submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-client';
import { type FieldError, type JsonSchema, SchemaForm, validateConfig } from '../schema-form';
import './admin-pages.css';

export interface SchemaFormDialogProps {
  title: string;
  submitLabel: string;
  /** The request body's JSON Schema (from the API description). */
  schema: JsonSchema;
  initial: Record<string, unknown>;
  /** Resolves when saved; an `ApiError`'s field problems show under their fields, and the dialog stays open. */
  onSubmit(value: Record<string, unknown>): Promise<void>;
  onClose(): void;
}

/** A modal form generated from a request body's JSON Schema, checked as the server checks it. */
export function SchemaFormDialog(props: SchemaFormDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [value, setValue] = useState<Record<string, unknown>>(props.initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const invalid = validateConfig(props.schema, value).length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(value);
      props.onClose();
    } catch (failure) {
      const problems = failure instanceof ApiError ? failure.problems : [];
      setServerErrors(problems.map((problem) => ({ path: problem.path, message: problem.message })));
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} onClose={props.onClose} aria-labelledby={`${id}-title`} className="schema-dialog">
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{props.title}</h2>
        <SchemaForm
          idPrefix={`${id}-form`}
          schema={props.schema}
          value={value}
          onChange={(next) => setValue((next ?? {}) as Record<string, unknown>)}
          serverErrors={serverErrors}
        />
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || invalid}>
            {busy ? <span className="spinner" aria-hidden="true" /> : null}
            {props.submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

import type { ReactNode } from 'react';
import { type FieldPath, fieldId } from './field-path';
import { useFieldErrors, useForm } from './form-context';

/** The ids and ARIA attributes one field's control needs. */
export interface FieldIds {
  id: string;
  helpId: string;
  errorId: string;
  errors: readonly string[];
  /** Spread onto the control: `aria-describedby` (errors, then help) and `aria-invalid`. */
  aria: { 'aria-describedby'?: string; 'aria-invalid'?: true };
}

/** Ids for the field at `path`, and the ARIA attributes that link its control to its help and errors. */
export function useFieldIds(path: FieldPath, description: string | undefined): FieldIds {
  const { idPrefix } = useForm();
  const errors = useFieldErrors(path);
  const id = fieldId(idPrefix, path);
  const helpId = `${id}--help`;
  const errorId = `${id}--errors`;
  const describedBy = [errors.length ? errorId : null, description ? helpId : null].filter(Boolean).join(' ');
  return {
    id,
    helpId,
    errorId,
    errors,
    aria: { 'aria-describedby': describedBy || undefined, 'aria-invalid': errors.length ? true : undefined },
  };
}

/** The field's error messages and help text, with the ids its control points to. */
export function FieldNotes({ ids, description }: { ids: FieldIds; description?: string }) {
  return (
    <>
      {ids.errors.length > 0 && (
        <ul className="sf-errors" id={ids.errorId}>
          {ids.errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {description && (
        <p className="sf-help" id={ids.helpId}>
          {description}
        </p>
      )}
    </>
  );
}

/** The visible "required" star; the control itself carries `aria-required`. */
export function RequiredMark({ shown }: { shown: boolean }) {
  return shown ? (
    <span className="sf-required" aria-hidden="true">
      {' '}
      *
    </span>
  ) : null;
}

interface FieldShellProps {
  ids: FieldIds;
  label: string;
  required: boolean;
  description?: string;
  /** Shown beside the label: e.g. a "Clear" button. */
  actions?: ReactNode;
  children: ReactNode;
}

/** Label, control, errors and help of a single-control field. */
export function FieldShell({ ids, label, required, description, actions, children }: FieldShellProps) {
  return (
    <div className={ids.errors.length ? 'sf-field sf-invalid' : 'sf-field'}>
      <div className="sf-label-row">
        <label className="sf-label" htmlFor={ids.id}>
          {label}
          <RequiredMark shown={required} />
        </label>
        {actions}
      </div>
      {children}
      <FieldNotes ids={ids} description={description} />
    </div>
  );
}

interface GroupShellProps {
  ids: FieldIds;
  label: string;
  required?: boolean;
  description?: string;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}

/**
 * A fieldset for a field made of several controls (an object, a list, a set of checkboxes).
 * Focusable from script so "go to this error" can land on it.
 */
export function GroupShell({
  ids,
  label,
  required = false,
  description,
  actions,
  className,
  children,
}: GroupShellProps) {
  return (
    <fieldset
      className={['sf-group', ids.errors.length ? 'sf-invalid' : null, className].filter(Boolean).join(' ')}
      id={ids.id}
      tabIndex={-1}
      aria-describedby={ids.aria['aria-describedby']}
    >
      <legend className="sf-legend">
        {label}
        <RequiredMark shown={required} />
      </legend>
      {actions && <div className="sf-group-actions">{actions}</div>}
      {children}
      <FieldNotes ids={ids} description={description} />
    </fieldset>
  );
}

/** A small button that puts an optional field back to "not set" (or a nullable one to none). */
export function ClearButton({ label, onClear, text = 'Clear' }: { label: string; onClear(): void; text?: string }) {
  const { readOnly } = useForm();
  if (readOnly) return null;
  return (
    <button type="button" className="sf-link-button" aria-label={`${text} ${label}`} onClick={onClear}>
      {text}
    </button>
  );
}

import { createContext, useContext } from 'react';
import type { ErrorMap } from './errors-by-path';
import type { FieldPath } from './field-path';
import type { LeadFieldOption } from './insert-text';

/** Lists the annotated fields pick from instead of free text. */
export interface Pickers {
  teams: readonly { id: string; name: string }[];
  reps: readonly { id: string; name: string; email: string }[];
  /** The event catalog (`GET /api/event-types`): what waits and recycles may wait for. */
  eventTypes?: readonly { name: string; label: string }[];
  /** The stored credentials (`GET /api/credentials`; never their secrets), for `x-picker: credential`. Absent: the caller may not list them. */
  credentials?: readonly CredentialChoice[];
  leadFields: readonly LeadFieldOption[];
}

/** A credential as a picker offers it: by name, with its kind's title to tell kinds apart. */
export interface CredentialChoice {
  id: string;
  name: string;
  kind: string;
  kindTitle?: string;
}

/** What every field of one form shares. */
export interface FormContextValue {
  idPrefix: string;
  readOnly: boolean;
  pickers?: Pickers;
  /** The errors to show now, by path (server errors and the browser's, merged). */
  errors: ErrorMap;
  /** A field to reveal (expand its groups) and focus. */
  focusPath?: FieldPath;
  /** The user edited or left this field: show its errors from now on. */
  touch(path: FieldPath): void;
  /** A new, empty subtree (an added item, a field just set): hold its errors until touched. */
  markFresh(path: FieldPath): void;
  /** Items under this array moved or went: what was known about paths under it no longer holds. */
  reshape(path: FieldPath): void;
}

export const FormContext = createContext<FormContextValue | null>(null);

/** The enclosing form's shared state; fields only render inside `SchemaForm`. */
export function useForm(): FormContextValue {
  const context = useContext(FormContext);
  if (!context) throw new Error('schema-form fields must be rendered inside <SchemaForm>');
  return context;
}

const NONE: readonly string[] = [];

/** The messages to show on one field. */
export function useFieldErrors(path: FieldPath): readonly string[] {
  return useForm().errors.get(path) ?? NONE;
}

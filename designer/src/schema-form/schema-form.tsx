import { useCallback, useEffect, useMemo, useState } from 'react';
import * as visibility from './error-visibility';
import { errorsByPath } from './errors-by-path';
import { Field } from './field';
import { type FieldError, type FieldPath, fieldId, parentPath } from './field-path';
import { FormContext, type FormContextValue, type Pickers } from './form-context';
import type { JsonSchema } from './json-schema';
import { knownPaths } from './known-paths';
import { validateConfig } from './validate-config';
import './schema-form.css';

/** Props of {@link SchemaForm}. */
export interface SchemaFormProps {
  /** The node type's `configSchema` from `GET /api/node-types`. */
  schema: JsonSchema;
  /** The node's config; may be invalid (its errors then show at once). */
  value: unknown;
  /** Called with the whole new config on every edit. A field set to "not set" is absent from it. */
  onChange(next: unknown): void;
  /**
   * The last compile's errors for this node, paths relative to the config (`cases[0].when`);
   * `serverErrorsForNode` turns the server's `config.…` paths into these. Each shows on its
   * field until that field is edited.
   */
  serverErrors?: readonly FieldError[];
  /** Lists for `x-picker` fields and the lead-field menu of `x-editor` fields. Without them those are plain text. */
  pickers?: Pickers;
  /** Show the config without letting it change (a published version). @default false */
  readOnly?: boolean;
  /** Prefix of every DOM id in the form; unique per form on the page (e.g. `node-<id>`). Changing it resets the form's state. */
  idPrefix: string;
  /** Reveal and focus this field (e.g. when the user clicks an error in a problems list). */
  focusPath?: FieldPath;
  /** A blank form for a new record: hold the browser's errors on each field until it is touched. @default false */
  blank?: boolean;
}

/**
 * A node's config form, generated from its JSON Schema: no per-node code. Validates as the user
 * types (ajv, as the server does) and shows each error, the server's too, under the field it
 * names.
 *
 * @example
 * <SchemaForm idPrefix={`node-${node.id}`} schema={type.configSchema} value={node.config}
 *   onChange={(config) => updateNode(node.id, { config })}
 *   serverErrors={serverErrorsForNode(compileErrors, node.id)} pickers={pickers} />
 */
export function SchemaForm(props: SchemaFormProps) {
  // A new node gets a new form: no touched/fresh state leaks from the previous one.
  return <FormBody key={props.idPrefix} {...props} />;
}

const NO_ERRORS: readonly FieldError[] = [];

function FormBody({
  schema,
  value,
  onChange,
  serverErrors = NO_ERRORS,
  pickers,
  readOnly = false,
  idPrefix,
  focusPath,
  blank = false,
}: SchemaFormProps) {
  const [state, setState] = useState(() =>
    blank ? visibility.markFresh(visibility.initialVisibility, '') : visibility.initialVisibility,
  );
  const serverKey = JSON.stringify(serverErrors);
  const [seenServerKey, setSeenServerKey] = useState(serverKey);
  if (serverKey !== seenServerKey) {
    setSeenServerKey(serverKey);
    setState(visibility.serverErrorsArrived);
  }

  const clientErrors = useMemo(() => validateConfig(schema, value), [schema, value]);
  const paths = useMemo(() => knownPaths(schema, value), [schema, value]);
  const errors = useMemo(
    () => errorsByPath(visibility.visibleErrors(clientErrors, serverErrors, state), paths),
    [clientErrors, serverErrors, state, paths],
  );

  const touch = useCallback((path: FieldPath) => setState((current) => visibility.touch(current, path)), []);
  const markFresh = useCallback((path: FieldPath) => setState((current) => visibility.markFresh(current, path)), []);
  const reshape = useCallback((path: FieldPath) => setState((current) => visibility.reshape(current, path)), []);
  const context = useMemo<FormContextValue>(
    () => ({ idPrefix, readOnly, pickers, errors, focusPath, touch, markFresh, reshape }),
    [idPrefix, readOnly, pickers, errors, focusPath, touch, markFresh, reshape],
  );

  useEffect(() => {
    if (focusPath === undefined) return;
    // The groups holding the field expand in their own effects; wait for them to show it.
    let frame = 0;
    let tries = 0;
    const attempt = () => {
      if (!focusNearest(idPrefix, focusPath) && ++tries < MAX_FOCUS_FRAMES) frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [idPrefix, focusPath]);

  const rootErrors = errors.get('') ?? [];
  return (
    <FormContext.Provider value={context}>
      <div
        className="schema-form"
        id={`${idPrefix}--form`}
        tabIndex={-1}
        aria-describedby={rootErrors.length ? `${idPrefix}--errors` : undefined}
      >
        <p className="sf-note" aria-hidden="true">
          <span className="sf-required">*</span> required
        </p>
        {rootErrors.length > 0 && (
          <ul className="sf-errors sf-root-errors" id={`${idPrefix}--errors`}>
            {rootErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
        <Field schema={schema} value={value} onChange={onChange} path="" name="" required root />
      </div>
    </FormContext.Provider>
  );
}

/** Frames to wait for a collapsed group to open before settling on what is visible. */
const MAX_FOCUS_FRAMES = 10;

const isShown = (element: HTMLElement): boolean => element.closest('[hidden]') === null;

/**
 * Focuses the field at `path`, or the nearest enclosing one on the page. False while the field
 * exists but is still inside a collapsed group: the caller tries again next frame.
 */
function focusNearest(idPrefix: string, path: FieldPath): boolean {
  for (let at: FieldPath | null = path; at !== null; at = parentPath(at)) {
    const element = document.getElementById(fieldId(idPrefix, at));
    if (!element) continue;
    if (!isShown(element)) return false;
    element.focus();
    return true;
  }
  document.getElementById(`${idPrefix}--form`)?.focus();
  return true;
}

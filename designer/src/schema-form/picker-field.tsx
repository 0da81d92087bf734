import type { ResolvedField } from './field-props';
import { FieldShell, useFieldIds } from './field-shell';
import { type Pickers, useForm } from './form-context';
import type { JsonSchema } from './json-schema';
import { StringField, textOf } from './string-field';

/** One thing a picker offers: the id stored and what the user reads. */
export interface Choice {
  id: string;
  label: string;
}

/** The credentials of the kinds a field takes, by name (with the kind's title when it takes several). */
function credentialChoices(kinds: readonly string[], pickers: Pickers | undefined): Choice[] {
  return (pickers?.credentials ?? [])
    .filter((credential) => kinds.length === 0 || kinds.includes(credential.kind))
    .map((credential) => ({
      id: credential.id,
      label:
        kinds.length > 1 && credential.kindTitle ? `${credential.name} (${credential.kindTitle})` : credential.name,
    }));
}

/**
 * The choices of an `x-picker` string: teams, reps, catalog event types or credentials (of the
 * schema's `x-credential-kinds`), by id. Null where there is no list to pick from (not a picker,
 * or the list was not given), so the field is typed instead.
 */
export function pickerChoices(schema: JsonSchema, pickers: Pickers | undefined): Choice[] | null {
  const kind = schema['x-picker'];
  if (kind === 'team')
    return (pickers?.teams ?? []).map((team) => ({
      id: team.id,
      label: team.name.toLowerCase() === team.id.toLowerCase() ? team.name : `${team.name} (${team.id})`,
    }));
  if (kind === 'rep') return (pickers?.reps ?? []).map((rep) => ({ id: rep.id, label: `${rep.name} <${rep.email}>` }));
  if (kind === 'event-type')
    return pickers?.eventTypes
      ? pickers.eventTypes.map((type) => ({ id: type.name, label: `${type.label} (${type.name})` }))
      : null;
  // An empty list is still a list: "no credential of this kind yet", with the way to make one.
  if (kind === 'credential')
    return pickers?.credentials ? credentialChoices(schema['x-credential-kinds'] ?? [], pickers) : null;
  return null;
}

/**
 * Where a new credential of the field's first kind is made: the Credentials page, in a new tab
 * (the editor keeps its state). `rel="opener"`: the sign-in lives in this tab's sessionStorage,
 * which the browser copies only into a tab this one opens as its opener (our own origin, so
 * nothing is exposed); with `noopener` the new tab would ask to sign in again.
 */
function NewCredentialLink({ kinds }: { kinds: readonly string[] }) {
  return (
    <a
      className="sf-link-button"
      href={`/credentials?new=${encodeURIComponent(kinds[0] ?? '')}`}
      target="_blank"
      rel="opener"
    >
      New credential…
    </a>
  );
}

/**
 * `x-picker: team | rep | event-type | credential`: a select of the known teams, reps, catalog
 * event types or stored credentials (of the field's `x-credential-kinds`), storing the id (name).
 * A current value that names none of them stays (marked unknown) rather than being lost; with no
 * list at all the field is plain text. A credential field links to the Credentials page.
 */
export function PickerField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { pickers, readOnly } = useForm();
  const kind = String(field.schema['x-picker']);
  const choices = pickerChoices(field.schema, pickers);
  const isCredential = kind === 'credential';
  if (choices === null || (choices.length === 0 && !isCredential)) return <StringField field={field} />;
  const current = textOf(field.value);
  const empty = field.absent || current === '';
  const known = choices.some((choice) => choice.id === current);
  const kinds = field.schema['x-credential-kinds'] ?? [];
  return (
    <FieldShell
      ids={ids}
      label={field.label}
      required={field.markRequired}
      description={field.description}
      actions={isCredential && !readOnly && <NewCredentialLink kinds={kinds} />}
    >
      <select
        className="sf-input sf-select"
        id={ids.id}
        value={empty ? '' : current}
        onChange={(event) => (event.target.value === '' ? field.clear() : field.set(event.target.value))}
        onBlur={field.touch}
        disabled={readOnly}
        aria-required={field.markRequired || undefined}
        {...ids.aria}
      >
        {(empty || field.clearable) && (
          <option value="" disabled={!field.clearable}>
            {field.clearable ? 'Not set' : `Choose a ${kind}…`}
          </option>
        )}
        {!empty && !known && (
          <option value={current}>
            {isCredential ? 'a credential that no longer exists' : `${current} (unknown ${kind})`}
          </option>
        )}
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
      </select>
      {isCredential && choices.length === 0 && !readOnly && (
        <p className="sf-help">No credential of this kind yet: make one with “New credential…”.</p>
      )}
    </FieldShell>
  );
}

import type { ResolvedField } from './field-props';
import { FieldShell, useFieldIds } from './field-shell';
import { type Pickers, useForm } from './form-context';
import { StringField, textOf } from './string-field';

interface Choice {
  id: string;
  label: string;
}

function choicesFor(kind: unknown, pickers: Pickers | undefined): Choice[] {
  if (kind === 'team') return (pickers?.teams ?? []).map((team) => ({ id: team.id, label: team.name.toLowerCase() === team.id.toLowerCase() ? team.name : `${team.name} (${team.id})` }));
  if (kind === 'rep') return (pickers?.reps ?? []).map((rep) => ({ id: rep.id, label: `${rep.name} <${rep.email}>` }));
  if (kind === 'event-type') return (pickers?.eventTypes ?? []).map((type) => ({ id: type.name, label: `${type.label} (${type.name})` }));
  return [];
}

/**
 * `x-picker: team | rep | event-type`: a select of the known teams, reps or catalog event types, storing the id (name). A current value
 * that names none of them stays (marked unknown) rather than being lost; with no list at all
 * the field is plain text.
 */
export function PickerField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { pickers, readOnly } = useForm();
  const kind = String(field.schema['x-picker']);
  const choices = choicesFor(kind, pickers);
  if (choices.length === 0) return <StringField field={field} />;
  const current = textOf(field.value);
  const empty = field.absent || current === '';
  const known = choices.some((choice) => choice.id === current);
  return (
    <FieldShell ids={ids} label={field.label} required={field.markRequired} description={field.description}>
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
        {!empty && !known && <option value={current}>{current} (unknown {kind})</option>}
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

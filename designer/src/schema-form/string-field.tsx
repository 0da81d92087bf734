import { type ChangeEvent, useState } from 'react';
import { isoToLocalInput, localInputToIso } from './date-time';
import type { ResolvedField } from './field-props';
import { FieldShell, useFieldIds } from './field-shell';
import { useForm } from './form-context';
import { isMultiline } from './json-schema';

const INPUT_TYPES: Readonly<Record<string, string>> = {
  email: 'email',
  uri: 'url',
  url: 'url',
  date: 'date',
  time: 'time',
  'date-time': 'datetime-local',
};

/** The value a text control shows: "not set" and null show as empty. */
export const textOf = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** Emptying a clearable text field makes it "not set", never an empty string. */
export function textChange(field: ResolvedField, text: string): void {
  if (text === '' && field.clearable) field.clear();
  else field.set(text);
}

/** Text: an input, a textarea when long or `x-multiline`, a date or time picker for those formats. */
export function StringField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { readOnly } = useForm();
  // A secret is masked as it is typed (shown on request, to check it), and the browser is told not to offer saved passwords for it.
  const secret = field.schema['x-secret'] === true;
  const [revealed, setRevealed] = useState(false);
  const type = secret && !revealed ? 'password' : (INPUT_TYPES[field.schema.format ?? ''] ?? 'text');
  const isDateTime = type === 'datetime-local';
  const text = textOf(field.value);
  const onChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    textChange(field, isDateTime ? localInputToIso(event.target.value) : event.target.value);
  const common = {
    id: ids.id,
    value: isDateTime ? isoToLocalInput(text) : text,
    onChange,
    onBlur: field.touch,
    readOnly,
    placeholder: field.absent ? 'Not set' : undefined,
    ...(secret && { autoComplete: 'new-password', spellCheck: false }),
    'aria-required': field.markRequired || undefined,
    ...ids.aria,
  };
  return (
    <FieldShell
      ids={ids}
      label={field.label}
      required={field.markRequired}
      description={field.description}
      actions={
        secret &&
        !readOnly && (
          <button
            type="button"
            className="sf-link-button"
            aria-label={`${revealed ? 'Hide' : 'Show'} ${field.label}`}
            onClick={() => setRevealed((shown) => !shown)}
          >
            {revealed ? 'Hide' : 'Show'}
          </button>
        )
      }
    >
      {isMultiline(field.schema) ? (
        <textarea className="sf-input sf-textarea" rows={4} {...common} />
      ) : (
        <input className="sf-input" type={type} {...common} />
      )}
    </FieldShell>
  );
}

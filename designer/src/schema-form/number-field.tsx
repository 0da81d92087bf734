import { useState } from 'react';
import type { ResolvedField } from './field-props';
import { FieldShell, useFieldIds } from './field-shell';
import { sameJson } from './same-json';
import { useForm } from './form-context';
import { textOf } from './string-field';

/** The number typed, or undefined while the text is not one yet ("-", "1e"). */
export function parseNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

/** A number or integer input with the schema's bounds; emptying a clearable one makes it "not set". */
export function NumberField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { readOnly } = useForm();
  const { schema } = field;
  // The text as typed and the value it gave, so "1." stays "1." until the value changes elsewhere.
  const [local, setLocal] = useState({ text: textOf(field.value), value: field.value });
  const shown = sameJson(local.value, field.value) ? local.text : textOf(field.value);
  const onChange = (text: string) => {
    const number = parseNumber(text);
    // Emptied: "not set" if it may be, else absent so "is required" shows.
    const next = text.trim() === '' ? (field.clearable ? field.clearTo : undefined) : (number ?? field.value);
    setLocal({ text, value: next });
    if (!sameJson(next, field.value)) field.set(next);
  };
  return (
    <FieldShell ids={ids} label={field.label} required={field.markRequired} description={field.description}>
      <input
        className="sf-input sf-number"
        id={ids.id}
        type="number"
        inputMode={schema.type === 'integer' ? 'numeric' : 'decimal'}
        step={schema.multipleOf ?? (schema.type === 'integer' ? 1 : 'any')}
        min={schema.minimum ?? schema.exclusiveMinimum}
        max={schema.maximum ?? schema.exclusiveMaximum}
        value={shown}
        onChange={(event) => onChange(event.target.value)}
        onBlur={field.touch}
        readOnly={readOnly}
        placeholder={field.absent ? 'Not set' : undefined}
        aria-required={field.markRequired || undefined}
        {...ids.aria}
      />
    </FieldShell>
  );
}

import { useState } from 'react';
import type { ResolvedField } from './field-props';
import { FieldShell, useFieldIds } from './field-shell';
import { useForm } from './form-context';
import { sameJson } from './same-json';

const show = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value, null, 2));

/**
 * The fallback for a shape the form has no control for (tuples, mixed unions): JSON in a
 * textarea, so any node type stays editable. Text that is not JSON yet stays local.
 */
export function JsonField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { readOnly } = useForm();
  const [local, setLocal] = useState({ text: show(field.value), value: field.value, problem: null as string | null });
  const current = sameJson(local.value, field.value)
    ? local
    : { text: show(field.value), value: field.value, problem: null };
  const onChange = (text: string) => {
    if (text.trim() === '') {
      setLocal({ text, value: field.clearTo, problem: field.clearable ? null : 'is required' });
      if (field.clearable) field.clear();
      return;
    }
    try {
      const value: unknown = JSON.parse(text);
      setLocal({ text, value, problem: null });
      field.set(value);
    } catch (error) {
      setLocal({ text, value: field.value, problem: `not valid JSON yet: ${(error as Error).message}` });
    }
  };
  const problemId = `${ids.id}--json`;
  return (
    <FieldShell ids={ids} label={field.label} required={field.markRequired} description={field.description}>
      <textarea
        className="sf-input sf-textarea sf-code-input"
        id={ids.id}
        rows={5}
        spellCheck={false}
        value={current.text}
        onChange={(event) => onChange(event.target.value)}
        onBlur={field.touch}
        readOnly={readOnly}
        aria-invalid={ids.aria['aria-invalid'] ?? (current.problem ? true : undefined)}
        aria-describedby={
          [current.problem ? problemId : null, ids.aria['aria-describedby']].filter(Boolean).join(' ') || undefined
        }
      />
      {current.problem && (
        <p className="sf-errors" id={problemId}>
          {current.problem}
        </p>
      )}
    </FieldShell>
  );
}

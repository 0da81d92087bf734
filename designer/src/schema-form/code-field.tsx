import { useLayoutEffect, useRef } from 'react';
import type { ResolvedField } from './field-props';
import { FieldShell, useFieldIds } from './field-shell';
import { useForm } from './form-context';
import { InsertFieldMenu } from './insert-field-menu';
import { insertAt, insertionFor, type LeadFieldOption } from './insert-text';
import { type EditorKind, isMultiline } from './json-schema';
import { textChange, textOf } from './string-field';

/**
 * `x-editor: expression | template`: text with an "Insert field" menu of the lead's fields,
 * inserting `name` (expression) or `{{name}}` (template) at the caret, so a field name is
 * picked rather than misspelt.
 */
export function CodeField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { pickers, readOnly } = useForm();
  const editor = field.schema['x-editor'] as EditorKind;
  const control = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const caret = useRef<number | null>(null);
  const text = textOf(field.value);
  const fields = pickers?.leadFields ?? [];

  // After an insertion re-renders the value, put the caret just after what was inserted.
  useLayoutEffect(() => {
    const at = caret.current;
    if (at === null || !control.current) return;
    caret.current = null;
    control.current.focus();
    control.current.setSelectionRange(at, at);
  });

  const insert = (lead: LeadFieldOption) => {
    const element = control.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? start;
    const result = insertAt(text, start, end, insertionFor(editor, lead));
    caret.current = result.caret;
    field.set(result.value);
  };

  const common = {
    ref: control,
    id: ids.id,
    className: `sf-input sf-code-input sf-${editor}`,
    value: text,
    onChange: (event: { target: { value: string } }) => textChange(field, event.target.value),
    onBlur: field.touch,
    readOnly,
    spellCheck: editor === 'template',
    autoComplete: 'off',
    placeholder: field.absent ? 'Not set' : undefined,
    'aria-required': field.markRequired || undefined,
    ...ids.aria,
  };
  return (
    <FieldShell ids={ids} label={field.label} required={field.markRequired} description={field.description}>
      <div className="sf-code">
        {isMultiline(field.schema) ? <textarea rows={5} {...common} /> : <input type="text" {...common} />}
        {!readOnly && fields.length > 0 && (
          <InsertFieldMenu id={ids.id} fieldLabel={field.label} fields={fields} onPick={insert} />
        )}
      </div>
    </FieldShell>
  );
}

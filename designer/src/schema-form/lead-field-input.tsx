import type { ResolvedField } from './field-props';
import { FieldShell, useFieldIds } from './field-shell';
import { useForm } from './form-context';
import { textChange, textOf } from './string-field';

/**
 * `x-picker: lead-field`: a text input suggesting the lead's fields (and `custom.` for custom
 * ones), so a field name is picked, not guessed; the server still checks it is writable.
 */
export function LeadFieldInput({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { pickers, readOnly } = useForm();
  const fields = pickers?.leadFields ?? [];
  const listId = `${ids.id}--fields`;
  return (
    <FieldShell ids={ids} label={field.label} required={field.markRequired} description={field.description}>
      <input
        className="sf-input sf-code-input"
        id={ids.id}
        type="text"
        list={fields.length ? listId : undefined}
        autoComplete="off"
        spellCheck={false}
        value={textOf(field.value)}
        onChange={(event) => textChange(field, event.target.value)}
        onBlur={field.touch}
        readOnly={readOnly}
        placeholder={field.absent ? 'Not set' : undefined}
        aria-required={field.markRequired || undefined}
        {...ids.aria}
      />
      {fields.length > 0 && (
        <datalist id={listId}>
          {fields.map((lead) => (
            <option key={lead.name} value={lead.type === 'object' ? `${lead.name}.` : lead.name}>
              {lead.description ?? lead.type}
            </option>
          ))}
        </datalist>
      )}
    </FieldShell>
  );
}

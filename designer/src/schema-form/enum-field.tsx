import type { ResolvedField } from './field-props';
import { FieldShell, useFieldIds } from './field-shell';
import { useForm } from './form-context';
import { enumOptions } from './json-schema';
import { sameJson } from './same-json';

const NOT_SET = '';
const CURRENT = 'current';

/** A select over an `enum` or a union of `const`s; "not set" is its own option when the field may be unset. */
export function EnumField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { readOnly } = useForm();
  const options = enumOptions(field.schema) ?? [];
  const index = options.findIndex((option) => sameJson(option.value, field.value));
  // A value the schema does not allow (an old config) stays visible, with its error, until changed.
  const selected = field.absent ? NOT_SET : index >= 0 ? String(index) : CURRENT;
  const onChange = (choice: string) => {
    if (choice === NOT_SET) field.clear();
    else if (choice !== CURRENT) field.set(options[Number(choice)]?.value);
  };
  return (
    <FieldShell ids={ids} label={field.label} required={field.markRequired} description={field.description}>
      <select
        className="sf-input sf-select"
        id={ids.id}
        value={selected}
        onChange={(event) => onChange(event.target.value)}
        onBlur={field.touch}
        disabled={readOnly}
        aria-required={field.markRequired || undefined}
        {...ids.aria}
      >
        {(field.absent || field.clearable) && (
          <option value={NOT_SET} disabled={!field.clearable}>
            {field.clearable ? 'Not set' : 'Choose…'}
          </option>
        )}
        {selected === CURRENT && <option value={CURRENT}>{String(field.value)} (not allowed)</option>}
        {options.map((option, i) => (
          <option key={option.label + String(i)} value={String(i)}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A value the schema fixes: shown, not edited. */
export function ConstField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  return (
    <FieldShell ids={ids} label={field.label} required={false} description={field.description}>
      <output className="sf-const" id={ids.id} {...ids.aria}>
        {JSON.stringify(field.schema.const)}
      </output>
    </FieldShell>
  );
}

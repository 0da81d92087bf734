import type { ResolvedField } from './field-props';
import { ClearButton, GroupShell, useFieldIds } from './field-shell';
import { useForm } from './form-context';
import { enumOptions, type JsonSchema } from './json-schema';
import { sameJson } from './same-json';

/**
 * A set of choices (an array of enum values, `uniqueItems`): one checkbox per choice. Ticking
 * appends, so an order the user built (providers tried in order) is kept.
 */
export function EnumSetField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { readOnly } = useForm();
  const options = enumOptions(field.schema.items as JsonSchema) ?? [];
  const chosen = Array.isArray(field.value) ? field.value : [];
  const toggle = (value: unknown, on: boolean) =>
    field.set(on ? [...chosen, value] : chosen.filter((item) => !sameJson(item, value)));
  // Checkboxes cannot show order; say it when it is not the list's own.
  const inListOrder = options
    .map((option) => option.value)
    .filter((value) => chosen.some((item) => sameJson(item, value)));
  const reordered = !sameJson(inListOrder, chosen);
  return (
    <GroupShell
      ids={ids}
      label={field.label}
      required={field.markRequired}
      description={field.description}
      className="sf-enum-set"
      actions={
        field.clearable &&
        (field.absent ? (
          <span className="sf-unset-tag">not set</span>
        ) : (
          <ClearButton label={field.label} onClear={field.clear} />
        ))
      }
    >
      <div className="sf-checks">
        {options.map((option, i) => {
          const id = `${ids.id}--${i}`;
          return (
            <span className="sf-check" key={id}>
              <input
                className="sf-checkbox"
                id={id}
                type="checkbox"
                checked={chosen.some((item) => sameJson(item, option.value))}
                onChange={(event) => toggle(option.value, event.target.checked)}
                onBlur={field.touch}
                disabled={readOnly}
                aria-invalid={ids.aria['aria-invalid']}
              />
              <label htmlFor={id}>{option.label}</label>
            </span>
          );
        })}
      </div>
      {reordered && <p className="sf-help">In this order: {chosen.map(String).join(' → ')}</p>}
    </GroupShell>
  );
}

import type { ResolvedField } from './field-props';
import { ClearButton, FieldNotes, useFieldIds } from './field-shell';
import { useForm } from './form-context';

/** A checkbox; an optional one that is not set says so and can be put back to "not set". */
export function BooleanField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { readOnly } = useForm();
  return (
    <div className={ids.errors.length ? 'sf-field sf-boolean sf-invalid' : 'sf-field sf-boolean'}>
      <div className="sf-check-row">
        <input
          className="sf-checkbox"
          id={ids.id}
          type="checkbox"
          checked={field.value === true}
          onChange={(event) => field.set(event.target.checked)}
          onBlur={field.touch}
          disabled={readOnly}
          {...ids.aria}
        />
        <label className="sf-label" htmlFor={ids.id}>
          {field.label}
        </label>
        {field.clearable &&
          (field.absent ? (
            <span className="sf-unset-tag">not set</span>
          ) : (
            <ClearButton label={field.label} onClear={field.clear} />
          ))}
      </div>
      <FieldNotes ids={ids} description={field.description} />
    </div>
  );
}

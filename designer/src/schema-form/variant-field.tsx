import type { ResolvedField } from './field-props';
import { childPath } from './field-path';
import { ClearButton, FieldNotes, GroupShell, RequiredMark, useFieldIds } from './field-shell';
import { useForm } from './form-context';
import { alternativesOf, chooseVariant, constOf, discriminatorOf, type JsonSchema, labelOf } from './json-schema';
import { AbsentGroup, isRecord, ObjectProperties } from './object-field';
import { defaultFor } from './schema-defaults';

function variantLabel(variant: JsonSchema, index: number, tag: string | null): string {
  if (variant.title) return variant.title;
  return tag ? String(constOf(variant.properties?.[tag])) : `Option ${index + 1}`;
}

/**
 * A union of object shapes (`oneOf`/`anyOf`): a select for which shape (by its discriminator
 * when the shapes have one), then that shape's fields. Switching keeps the values of fields
 * both shapes share.
 */
export function VariantField({ field }: { field: ResolvedField }) {
  const { readOnly, markFresh } = useForm();
  const variants = alternativesOf(field.schema);
  const index = chooseVariant(variants, field.value);
  const variant = variants[index] ?? {};
  const tag = discriminatorOf(variants);
  const tagSchema = tag ? variant.properties?.[tag] : undefined;
  // A value whose discriminator names no shape (or is missing) must not look like the first shape.
  const tagged =
    !tag || (isRecord(field.value) && JSON.stringify(field.value[tag]) === JSON.stringify(constOf(tagSchema)));
  const ids = useFieldIds(field.path, field.description);
  const selectIds = useFieldIds(tag ? childPath(field.path, tag) : `${field.path}#variant`, variant.description);
  if (field.absent && !field.bare && !field.root) return <AbsentGroup field={field} />;

  const switchTo = (next: number) => {
    const target = variants[next] ?? {};
    const value = defaultFor(target) as Record<string, unknown>;
    const old = isRecord(field.value) ? field.value : {};
    for (const name of Object.keys(target.properties ?? {})) if (name !== tag && name in old) value[name] = old[name];
    markFresh(field.path);
    field.set(value);
  };
  const body = (
    <>
      <div className={selectIds.errors.length ? 'sf-field sf-invalid' : 'sf-field'}>
        <label className="sf-label" htmlFor={selectIds.id}>
          {tag && tagSchema ? labelOf(tagSchema, tag) : 'Kind'}
          <RequiredMark shown />
        </label>
        <select
          className="sf-input sf-select"
          id={selectIds.id}
          value={tagged ? String(index) : ''}
          onChange={(event) => event.target.value !== '' && switchTo(Number(event.target.value))}
          disabled={readOnly}
          aria-required
          {...selectIds.aria}
        >
          {!tagged && (
            <option value="" disabled>
              Choose…
            </option>
          )}
          {variants.map((option, i) => (
            <option key={variantLabel(option, i, tag)} value={String(i)}>
              {variantLabel(option, i, tag)}
            </option>
          ))}
        </select>
        <FieldNotes ids={selectIds} description={variant.description} />
      </div>
      <ObjectProperties
        schema={variant}
        value={field.value}
        onChange={field.set}
        path={field.path}
        omit={tag ?? undefined}
      />
    </>
  );
  if (field.bare || field.root) return body;
  return (
    <GroupShell
      ids={ids}
      label={field.label}
      description={field.description}
      actions={field.clearable && <ClearButton label={field.label} onClear={field.clear} />}
    >
      {body}
    </GroupShell>
  );
}

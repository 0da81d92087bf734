import { Field } from './field';
import type { ResolvedField } from './field-props';
import { childPath, type FieldPath } from './field-path';
import { ClearButton, GroupShell, useFieldIds } from './field-shell';
import { useForm } from './form-context';
import { isHiddenProperty, type JsonSchema, labelOf } from './json-schema';
import { defaultFor } from './schema-defaults';

/** Whether a value is a plain JSON object. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `record` with `name` set to `next`, or without it when `next` is undefined; key order kept. */
export function withProperty(record: Record<string, unknown>, name: string, next: unknown): Record<string, unknown> {
  if (next === undefined) {
    const { [name]: _removed, ...rest } = record;
    return rest;
  }
  return { ...record, [name]: next };
}

interface PropertiesProps {
  schema: JsonSchema;
  value: unknown;
  onChange(next: Record<string, unknown>): void;
  path: FieldPath;
  /** Properties rendered elsewhere (a union's discriminator). */
  omit?: string;
}

/** The fields of an object's properties, in schema order (derived port names left out). */
export function ObjectProperties({ schema, value, onChange, path, omit }: PropertiesProps) {
  const { readOnly } = useForm();
  const record = isRecord(value) ? value : {};
  const required = new Set(schema.required ?? []);
  return (
    <div className="sf-properties">
      {Object.entries(schema.properties ?? {})
        // A port name derived from its label (x-port-from) is not typed: the label is the field.
        .filter(
          ([name, property]) => name !== omit && !property['x-port-from'] && !isHiddenProperty(property, record[name]),
        )
        .map(([name, property]) =>
          // Read-only, a secret that is set says so, never what it is (the API shows it as "[secret]" anyway).
          readOnly && property['x-secret'] ? (
            <HiddenSecret key={name} label={labelOf(property, name)} value={record[name]} />
          ) : (
            <Field
              key={name}
              schema={property}
              value={record[name]}
              onChange={(next) => onChange(withProperty(record, name, next))}
              path={childPath(path, name)}
              name={name}
              required={required.has(name)}
            />
          ),
        )}
    </div>
  );
}

/** A secret field read-only: "set, not shown" when it holds one, nothing when it does not. */
function HiddenSecret({ label, value }: { label: string; value: unknown }) {
  if (value === undefined || value === null || value === '') return null;
  return <p className="sf-help sf-secret-note">{label}: set — secrets are not shown here</p>;
}

/** "Not set" and a button that sets it: for an optional object (or a null one). */
export function AbsentGroup({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { readOnly, markFresh } = useForm();
  const set = () => {
    markFresh(field.path);
    field.set(defaultFor(field.schema));
  };
  return (
    <GroupShell ids={ids} label={field.label} description={field.description}>
      <p className="sf-unset">
        Not set
        {!readOnly && (
          <button type="button" className="sf-button" aria-label={`Set ${field.label}`} onClick={set}>
            Set
          </button>
        )}
      </p>
    </GroupShell>
  );
}

/** A nested object: a fieldset with a legend, or just its fields at the top or inside an array item. */
export function ObjectField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  if (field.absent && !field.root && !field.bare) return <AbsentGroup field={field} />;
  const body = <ObjectProperties schema={field.schema} value={field.value} onChange={field.set} path={field.path} />;
  if (field.root || field.bare) return body;
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

import type { ComponentType } from 'react';
import { ArrayField } from './array-field';
import { BooleanField } from './boolean-field';
import { CodeField } from './code-field';
import { EnumSetField } from './enum-set-field';
import { ConstField, EnumField } from './enum-field';
import type { FieldProps, ResolvedField } from './field-props';
import { useForm } from './form-context';
import { JsonField } from './json-field';
import { type FieldKind, fieldKind, type JsonSchema, labelOf, unwrapNullable } from './json-schema';
import { LeadFieldInput } from './lead-field-input';
import { ListField } from './list-field';
import { NumberField } from './number-field';
import { ObjectField } from './object-field';
import { PickerField } from './picker-field';
import { RecordField } from './record-field';
import { StringField } from './string-field';
import { VariantField } from './variant-field';

const CONTROLS: Readonly<Record<FieldKind, ComponentType<{ field: ResolvedField }>>> = {
  object: ObjectField,
  record: RecordField,
  array: ArrayField,
  list: ListField,
  'enum-set': EnumSetField,
  variant: VariantField,
  enum: EnumField,
  const: ConstField,
  picker: PickerField,
  'lead-field': LeadFieldInput,
  code: CodeField,
  string: StringField,
  number: NumberField,
  boolean: BooleanField,
  json: JsonField,
};

/** Whether leaving the field as it comes makes the config invalid: what the star promises. */
function needsInput(kind: FieldKind, schema: JsonSchema): boolean {
  if (
    kind === 'boolean' ||
    kind === 'object' ||
    kind === 'record' ||
    kind === 'variant' ||
    kind === 'const' ||
    kind === 'json'
  )
    return false;
  if (kind === 'array' || kind === 'list' || kind === 'enum-set') return (schema.minItems ?? 0) > 0;
  return true;
}

/** One field of the form: picks the control for its schema. */
export function Field(props: FieldProps) {
  const { touch } = useForm();
  const { schema, nullable } = unwrapNullable(props.schema);
  const kind = fieldKind(schema);
  const clearable = !props.required || nullable;
  const clearTo = props.required ? null : undefined;
  const set = (next: unknown): void => {
    touch(props.path);
    props.onChange(next);
  };
  const field: ResolvedField = {
    schema,
    value: props.value,
    path: props.path,
    label: props.label ?? labelOf(schema, props.name),
    description: schema.description,
    markRequired: props.required && !nullable && needsInput(kind, schema),
    absent: props.value === undefined || (nullable && props.value === null),
    clearable,
    clearTo,
    bare: props.bare ?? false,
    root: props.root ?? false,
    set,
    clear: () => set(clearTo),
    touch: () => touch(props.path),
  };
  const Control = CONTROLS[kind];
  return <Control field={field} />;
}

import type { FieldPath } from './field-path';
import type { JsonSchema } from './json-schema';

/** What a parent passes to each field. */
export interface FieldProps {
  schema: JsonSchema;
  value: unknown;
  /** The field's new value; `undefined` removes the property. */
  onChange(next: unknown): void;
  path: FieldPath;
  /** Property name: the label when the schema has no title. */
  name: string;
  /** Listed in the parent's `required`: it cannot be left "not set". */
  required: boolean;
  /** Overrides the label (e.g. the value of a map entry). */
  label?: string;
  /** The config itself: no group box around it. */
  root?: boolean;
  /** Inside a group that already names it (an array item): no second group box. */
  bare?: boolean;
}

/** A field as its control sees it: schema without the "or null", and what clearing means. */
export interface ResolvedField {
  /** The schema with any `| null` taken off. */
  schema: JsonSchema;
  value: unknown;
  path: FieldPath;
  label: string;
  description?: string;
  /** Show the required star: the user must fill this in. */
  markRequired: boolean;
  /** Absent (optional) or null (nullable): "not set". */
  absent: boolean;
  /** The field may be "not set": optional or nullable. */
  clearable: boolean;
  /** What "not set" is stored as: `undefined` (property removed) or `null`. */
  clearTo: undefined | null;
  bare: boolean;
  root: boolean;
  /** Sets the value and marks the field touched. */
  set(next: unknown): void;
  /** Back to "not set". */
  clear(): void;
  /** Marks the field touched (on blur). */
  touch(): void;
}

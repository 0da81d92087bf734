/** JSON Schema primitive type names. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** Annotation: a select fed from `SchemaForm`'s `pickers` instead of free text. */
export type PickerKind = 'team' | 'rep' | 'lead-field' | 'event-type' | 'credential';
/** Annotation: a text editor with an "insert lead field" menu. */
export type EditorKind = 'expression' | 'template';

/**
 * The part of JSON Schema (2020-12, as TypeBox 1.x emits it) the form reads, plus Leadflow's
 * annotation keywords. Open-ended: other keywords pass through to ajv untouched.
 */
export interface JsonSchema {
  type?: JsonType | JsonType[];
  title?: string;
  description?: string;
  default?: unknown;
  const?: unknown;
  enum?: readonly unknown[];
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  patternProperties?: Readonly<Record<string, JsonSchema>>;
  items?: JsonSchema | boolean;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  /** Pick the value from a list (teams, reps, lead fields, event types, credentials) instead of typing it. */
  'x-picker'?: PickerKind;
  /** With `x-picker: credential`: the kinds of credential the field takes (`bearer`, `slack_webhook`, …). */
  'x-credential-kinds'?: readonly string[];
  /** The value is a secret: masked while typed, never shown read-only (the API shows it as "[secret]"). */
  'x-secret'?: boolean;
  /** Kept for old configs only: hidden unless it holds a value. */
  deprecated?: boolean;
  /** Edit as an expression (`score >= 80`) or a `{{field}}` template, with a lead-field menu. */
  'x-editor'?: EditorKind;
  /** This string is an output port's name, derived from the sibling property named here (its label). */
  'x-port-from'?: string;
  /** Edit in a multi-line textarea (also the default when `maxLength` exceeds 2000). */
  'x-multiline'?: boolean;
  [keyword: string]: unknown;
}

/** What a schema is, as far as choosing a control goes. */
export type FieldKind =
  | 'object'
  | 'record'
  | 'array'
  | 'list'
  | 'enum-set'
  | 'variant'
  | 'enum'
  | 'const'
  | 'picker'
  | 'lead-field'
  | 'code'
  | 'string'
  | 'number'
  | 'boolean'
  | 'json';

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNullSchema = (schema: JsonSchema): boolean =>
  schema.type === 'null' || (schema.const === null && Object.keys(schema).every((k) => k === 'const' || k === 'title'));

/** The schema's alternatives (`anyOf` or `oneOf`), or none. */
export function alternativesOf(schema: JsonSchema): readonly JsonSchema[] {
  return schema.anyOf ?? schema.oneOf ?? [];
}

/**
 * Splits "X or null" into X and a flag: `anyOf: [X, {type: 'null'}]` (TypeBox's
 * `Union([X, Null()])`) and `type: ['string', 'null']` both count.
 */
export function unwrapNullable(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const alternatives = alternativesOf(schema);
  if (alternatives.length >= 2 && alternatives.some(isNullSchema)) {
    const rest = alternatives.filter((alternative) => !isNullSchema(alternative));
    const inner: JsonSchema =
      rest.length === 1 ? { ...(rest[0] as JsonSchema) } : { ...schema, anyOf: rest, oneOf: undefined };
    // The union's own title and description describe the field better than the branch's.
    return {
      schema: { ...inner, title: schema.title ?? inner.title, description: schema.description ?? inner.description },
      nullable: true,
    };
  }
  if (Array.isArray(schema.type) && schema.type.includes('null')) {
    const types = schema.type.filter((type) => type !== 'null');
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { schema, nullable: false };
}

/** One choice of a select: the stored value and what the user reads. */
export interface EnumOption {
  value: unknown;
  label: string;
}

/** The choices of an `enum`, or of `anyOf`/`oneOf` whose every branch is a `const`; else null. */
export function enumOptions(schema: JsonSchema): EnumOption[] | null {
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => ({ value, label: String(value) }));
  const alternatives = alternativesOf(schema);
  if (alternatives.length > 0 && alternatives.every((alternative) => 'const' in alternative)) {
    return alternatives.map((alternative) => ({
      value: alternative.const,
      label: alternative.title ?? String(alternative.const),
    }));
  }
  return null;
}

/** The single JSON type a schema declares, if it declares exactly one. */
export function typeOf(schema: JsonSchema): JsonType | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type) && schema.type.length === 1) return schema.type[0];
  if (schema.properties) return 'object';
  return undefined;
}

/** The item schema of an array, if it has a single one. */
export function itemsOf(schema: JsonSchema): JsonSchema | undefined {
  return isSchema(schema.items) ? schema.items : undefined;
}

/** The schema every value of a map-like object must match (`patternProperties` or `additionalProperties`). */
export function recordValueSchema(schema: JsonSchema): JsonSchema | undefined {
  const patterns = Object.values(schema.patternProperties ?? {});
  if (patterns.length === 1) return patterns[0];
  return isSchema(schema.additionalProperties) ? schema.additionalProperties : undefined;
}

/** The `x-picker` kinds a select of known ids edits (lead fields have an input of their own). */
const PICKED: ReadonlySet<PickerKind> = new Set(['team', 'rep', 'event-type', 'credential']);

const PRIMITIVES: ReadonlySet<JsonType | undefined> = new Set(['string', 'number', 'integer', 'boolean']);

/** Decides which control edits a (non-nullable) schema. */
export function fieldKind(schema: JsonSchema): FieldKind {
  if ('const' in schema) return 'const';
  if (enumOptions(schema)) return 'enum';
  const alternatives = alternativesOf(schema);
  if (alternatives.length > 0)
    return alternatives.every((alternative) => typeOf(alternative) === 'object') ? 'variant' : 'json';
  const type = typeOf(schema);
  if (type === 'string' && schema['x-picker'] === 'lead-field') return 'lead-field';
  if (type === 'string' && schema['x-picker'] !== undefined && PICKED.has(schema['x-picker'])) return 'picker';
  if (type === 'string' && (schema['x-editor'] === 'expression' || schema['x-editor'] === 'template')) return 'code';
  if (type === 'string') return 'string';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'array') return arrayKind(schema);
  if (type === 'object') return schema.properties ? 'object' : recordValueSchema(schema) ? 'record' : 'json';
  return 'json';
}

function arrayKind(schema: JsonSchema): FieldKind {
  const items = itemsOf(schema);
  if (!items) return 'json';
  if (schema.uniqueItems && enumOptions(items)) return 'enum-set';
  const itemKind = fieldKind(unwrapNullable(items).schema);
  if (itemKind === 'object' || itemKind === 'variant' || itemKind === 'record') return 'array';
  if (PRIMITIVES.has(typeOf(items)) || itemKind === 'enum') return 'list';
  return 'json';
}

/** `requireSkills` → "Require skills", `reengage_on` → "Reengage on": a label when a schema has no title. */
export function humanise(name: string): string {
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A field's label: its schema's title, else its humanised property name. */
export function labelOf(schema: JsonSchema, name: string): string {
  return schema.title ?? humanise(name);
}

/** Whether a property is left out of the form: a deprecated one that holds nothing (it is kept only for old configs). */
export function isHiddenProperty(schema: JsonSchema, value: unknown): boolean {
  return schema.deprecated === true && (value === undefined || value === null || value === '');
}

/** Whether a string is better edited in a textarea. */
export function isMultiline(schema: JsonSchema): boolean {
  return schema['x-multiline'] ?? (schema.maxLength ?? 0) > 2000;
}

/**
 * The property that tells the variants of a union apart: present in every variant as a `const`
 * (or a one-value `enum`), with different values. Null when there is none.
 */
export function discriminatorOf(variants: readonly JsonSchema[]): string | null {
  const first = variants[0]?.properties;
  if (!first) return null;
  for (const name of Object.keys(first)) {
    const values = variants.map((variant) => constOf(variant.properties?.[name]));
    if (
      values.every((value) => value !== undefined) &&
      new Set(values.map((value) => JSON.stringify(value))).size === variants.length
    )
      return name;
  }
  return null;
}

/** The one value a schema allows (`const`, or a one-value `enum`), else undefined. */
export function constOf(schema: JsonSchema | undefined): unknown {
  if (!schema) return undefined;
  if ('const' in schema) return schema.const;
  if (schema.enum?.length === 1) return schema.enum[0];
  return undefined;
}

/**
 * Which variant of a union a value is: the one its discriminator names, else the first whose
 * required properties it has, else the first.
 */
export function chooseVariant(variants: readonly JsonSchema[], value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const record = value as Record<string, unknown>;
  const tag = discriminatorOf(variants);
  if (tag !== null) {
    const index = variants.findIndex(
      (variant) => JSON.stringify(constOf(variant.properties?.[tag])) === JSON.stringify(record[tag]),
    );
    if (index >= 0) return index;
  }
  const index = variants.findIndex((variant) => (variant.required ?? []).every((name) => name in record));
  return Math.max(index, 0);
}

/**
 * What one item of an array is called: its schema's title, else the array's title made
 * singular when that is plain ("Cases" → "Case", "Fit rules" → "Fit rule"), else "Item".
 */
export function itemNoun(schema: JsonSchema): string {
  const items = itemsOf(schema);
  if (items?.title) return items.title;
  const title = schema.title ?? '';
  return /^[A-Za-z ]+[^s]s$/.test(title) ? title.slice(0, -1) : 'Item';
}

import { alternativesOf, enumOptions, fieldKind, type JsonSchema, typeOf, unwrapNullable } from './json-schema.js';

/**
 * A fresh value for a schema: what "Add item" or "Set" puts in. The schema's `default` when it
 * has one; else the smallest value of the right shape (required properties only, so optional
 * ones stay "not set").
 */
export function defaultFor(schema: JsonSchema): unknown {
  if ('default' in schema) return structuredClone(schema.default);
  if ('const' in schema) return schema.const;
  const { schema: inner, nullable } = unwrapNullable(schema);
  if (nullable) return null;
  const options = enumOptions(inner);
  if (options) return options[0]?.value;
  const alternatives = alternativesOf(inner);
  if (alternatives.length > 0) return defaultFor(alternatives[0] as JsonSchema);
  switch (typeOf(inner)) {
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return Math.min(Math.max(0, inner.minimum ?? 0), inner.maximum ?? Number.POSITIVE_INFINITY);
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const name of inner.required ?? []) {
        const property = inner.properties?.[name];
        if (property) object[name] = defaultFor(property);
      }
      return object;
    }
    default:
      return null;
  }
}

const SUMMARY_KEYS = ['label', 'title', 'name', 'port', 'field', 'kind', 'event'];
const MAX_SUMMARY = 80;

/**
 * One line that tells a collapsed array item apart from its neighbours: its label-like
 * properties first (label, name, port, …), then its first short scalar values.
 */
export function summarise(schema: JsonSchema, item: unknown): string {
  if (typeof item !== 'object' || item === null) return item === undefined ? '' : String(item);
  const record = item as Record<string, unknown>;
  const properties = schema.properties ?? {};
  const scalar = (name: string): string | null => {
    // A port name derived from the label only repeats the label; a secret or a credential's id says nothing to show.
    if (
      properties[name]?.['x-port-from'] ||
      properties[name]?.['x-secret'] ||
      properties[name]?.['x-picker'] === 'credential'
    )
      return null;
    const value = record[name];
    if (value === undefined || value === null || value === '' || typeof value === 'object') return null;
    const property = properties[name];
    return property && fieldKind(unwrapNullable(property).schema) === 'boolean'
      ? value
        ? (property.title ?? name)
        : null
      : String(value);
  };
  const named = SUMMARY_KEYS.map(scalar).filter((part): part is string => part !== null);
  const rest = Object.keys(properties)
    .filter((name) => !SUMMARY_KEYS.includes(name))
    .map(scalar)
    .filter((part): part is string => part !== null);
  const text = [...new Set([...named, ...rest])].slice(0, 3).join(' · ');
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

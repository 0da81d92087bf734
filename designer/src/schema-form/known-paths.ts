import { childPath, type FieldPath } from './field-path';
import { alternativesOf, chooseVariant, fieldKind, itemsOf, type JsonSchema, unwrapNullable } from './json-schema';

/**
 * Every path the form shows a field for, given the schema and the current value: properties,
 * items of arrays of objects, entries of maps. Items of lists of plain values are not fields of
 * their own; their errors show on the list.
 */
export function knownPaths(schema: JsonSchema, value: unknown): Set<FieldPath> {
  const paths = new Set<FieldPath>();
  collect(schema, value, '', paths);
  return paths;
}

function collect(nullableSchema: JsonSchema, value: unknown, path: FieldPath, paths: Set<FieldPath>): void {
  paths.add(path);
  const { schema } = unwrapNullable(nullableSchema);
  const kind = fieldKind(schema);
  if (kind === 'object') {
    const record = isRecord(value) ? value : {};
    for (const [name, property] of Object.entries(schema.properties ?? {}))
      collect(property, record[name], childPath(path, name), paths);
  } else if (kind === 'variant') {
    const variants = alternativesOf(schema);
    const variant = variants[chooseVariant(variants, value)];
    if (variant) collect(variant, value, path, paths);
  } else if (kind === 'record' && isRecord(value)) {
    for (const key of Object.keys(value)) paths.add(childPath(path, key));
  } else if (kind === 'array' && Array.isArray(value)) {
    const items = itemsOf(schema) as JsonSchema;
    value.forEach((item, index) => collect(items, item, childPath(path, index), paths));
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

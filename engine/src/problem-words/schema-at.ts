/** The slice of JSON Schema that field titles and pickers are read from. */
export interface SchemaLike {
  title?: string;
  type?: string | string[];
  properties?: Record<string, SchemaLike>;
  items?: SchemaLike | SchemaLike[];
  additionalProperties?: boolean | SchemaLike;
  patternProperties?: Record<string, SchemaLike>;
  anyOf?: SchemaLike[];
  oneOf?: SchemaLike[];
  allOf?: SchemaLike[];
  enum?: unknown[];
  const?: unknown;
  'x-picker'?: string;
  [keyword: string]: unknown;
}

/** A field path split into keys and item indexes: `cases[0].when` → `['cases', 0, 'when']`. */
export type Segment = string | number;

export function splitPath(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    segments.push(match[2] !== undefined ? Number(match[2]) : (match[1] as string));
  return segments;
}

/** The schemas a value at `segment` may follow, looking through unions (the first that knows the key wins). */
export function childSchema(schema: SchemaLike | undefined, segment: Segment, value?: unknown): SchemaLike | undefined {
  if (!schema) return undefined;
  for (const branch of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    if (schema.properties && typeof segment === 'string' && schema.properties[segment]) break;
    const found = childSchema(branch, segment, value);
    if (found && branchFits(branch, value)) return found;
  }
  if (typeof segment === 'number') return Array.isArray(schema.items) ? schema.items[segment] : schema.items;
  const named = schema.properties?.[segment];
  if (named) return named;
  for (const pattern of Object.values(schema.patternProperties ?? {})) return pattern;
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

/** Whether a union branch is the one `value` was meant for: its `const` discriminators hold. */
function branchFits(branch: SchemaLike, value: unknown): boolean {
  if (!value || typeof value !== 'object') return true;
  return Object.entries(branch.properties ?? {}).every(
    ([key, property]) => property.const === undefined || (value as Record<string, unknown>)[key] === property.const,
  );
}

/** The value at a path inside `root`, or undefined. */
export function valueAt(root: unknown, segments: readonly Segment[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

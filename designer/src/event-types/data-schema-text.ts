/** What the data-schema box holds: nothing (any data), a schema, or why it is neither. */
export type ParsedDataSchema = { ok: true; schema: Record<string, unknown> | null } | { ok: false; message: string };

/**
 * Reads the JSON typed into the data-schema box, saying in words what is wrong: not JSON (with
 * the browser's line and column), not an object, or a type other than object (event data is one).
 * Empty means "any data".
 */
export function parseDataSchema(text: string): ParsedDataSchema {
  if (text.trim() === '') return { ok: true, schema: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `This is not valid JSON: ${detail}. Check for a missing comma, quote or bracket.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      message:
        'A data schema is a JSON object, like {"type": "object", "properties": {"minutes": {"type": "integer"}}}.',
    };
  }
  const schema = value as Record<string, unknown>;
  if (schema.type !== undefined && schema.type !== 'object')
    return {
      ok: false,
      message: `Its "type" must be "object": an event's data is an object, not ${JSON.stringify(schema.type)}.`,
    };
  return { ok: true, schema };
}

/** The schema as the box shows it: indented, or empty for "any data". */
export function dataSchemaText(schema: Record<string, unknown> | null): string {
  return schema ? JSON.stringify(schema, null, 2) : '';
}

/** One line saying what data a type carries: its properties and their types, else "any data". */
export function describeDataSchema(schema: Record<string, unknown> | null): string {
  if (!schema) return 'any data';
  const properties = schema.properties as Record<string, { type?: unknown }> | undefined;
  if (!properties || Object.keys(properties).length === 0) return 'an object';
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(properties)
    .map(
      ([name, property]) =>
        `${name}${property?.type ? ` (${String(property.type)}${required.has(name) ? ', required' : ''})` : required.has(name) ? ' (required)' : ''}`,
    )
    .join(', ');
}

/** The workflow slugs a 409 names ("workflow 'inbound' waits for or reads it"); empty when it names none. */
export function workflowsNamed(messages: readonly string[]): string[] {
  return messages.flatMap((message) => {
    const match = /^workflow '([^']+)'/.exec(message);
    return match?.[1] ? [match[1]] : [];
  });
}

import type { TSchema } from 'typebox';

/** What a secret field shows instead of its value, wherever a config is shown. */
export const REDACTED = '[secret]';

type SchemaNode = TSchema & {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  'x-secret'?: boolean;
  anyOf?: SchemaNode[];
};

/**
 * A copy of `config` with every field its schema marks `x-secret` replaced by REDACTED: what a
 * step trail, an API answer or a log may show of a node config. Pure and sandbox-safe.
 */
export function redactSecrets(schema: TSchema, config: unknown): unknown {
  const node = schema as SchemaNode;
  if (node['x-secret']) return config === undefined || config === null || config === '' ? config : REDACTED;
  if (Array.isArray(config))
    return node.items ? config.map((item) => redactSecrets(node.items as TSchema, item)) : config;
  if (config && typeof config === 'object') {
    const properties = node.properties ?? node.anyOf?.find((alternative) => alternative.properties)?.properties;
    if (!properties) return config;
    return Object.fromEntries(
      Object.entries(config).map(([key, value]) => [
        key,
        properties[key] ? redactSecrets(properties[key] as TSchema, value) : value,
      ]),
    );
  }
  return config;
}

import type { JsonSchema } from '../schema-form';

/** "Tier 1: sales now" → "tier_1_sales_now": a port name (lower case, digits, underscores, a letter first). */
export function portSlug(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  return /^[a-z]/.test(slug) ? slug : `p_${slug}`.replace(/_+$/, '');
}

function unique(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

type Item = Record<string, unknown>;
const isItem = (value: unknown): value is Item => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Fills in the port names a config derives from labels (schema hint `x-port-from`): a new item
 * gets one from its label (or its place, "case_3"); an item whose port no edge uses yet follows
 * its label as the user types; once an edge uses a port, the port stays, so renaming the label
 * never orphans an edge. `default` is never taken (a branch's fallback port).
 */
export function withDerivedPorts(
  schema: JsonSchema,
  config: Record<string, unknown>,
  usedPorts: ReadonlySet<string>,
): Record<string, unknown> {
  let next = config;
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const itemSchema =
      typeof property.items === 'object' && !Array.isArray(property.items) ? property.items : undefined;
    const portEntry = Object.entries(itemSchema?.properties ?? {}).find(
      ([, field]) => typeof field['x-port-from'] === 'string',
    );
    const list = config[key];
    if (!portEntry || !Array.isArray(list)) continue;
    const [portKey, portSchema] = portEntry;
    const labelKey = portSchema['x-port-from'] as string;
    const noun = key.replace(/s$/, '');
    const taken = new Set<string>(['default']);
    // Ports that edges use are fixed; claim them first so a label never takes one.
    for (const item of list)
      if (isItem(item) && typeof item[portKey] === 'string' && usedPorts.has(item[portKey] as string))
        taken.add(item[portKey] as string);
    let changed = false;
    const items = list.map((item, index) => {
      if (!isItem(item)) return item;
      const current = typeof item[portKey] === 'string' ? (item[portKey] as string) : '';
      if (current && usedPorts.has(current)) return item;
      const label = typeof item[labelKey] === 'string' ? (item[labelKey] as string).trim() : '';
      const wanted = unique(label ? portSlug(label) : `${noun}_${index + 1}`, taken);
      // Keep a port that already has the wanted shape (typing "Germany" after "German" moves it; a same label does not).
      const port = current && !taken.has(current) && (current === wanted || (!label && current)) ? current : wanted;
      taken.add(port);
      if (port === current) return item;
      changed = true;
      return { ...item, [portKey]: port };
    });
    if (changed) next = { ...next, [key]: items };
  }
  return next;
}

/** The label-derived ports (x-port-from) that `before` has and `after` no longer has: a case or variant removed. */
export function removedPorts(
  schema: JsonSchema,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Set<string> {
  const gone = new Set<string>();
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const itemSchema =
      typeof property.items === 'object' && !Array.isArray(property.items) ? property.items : undefined;
    const portKey = Object.entries(itemSchema?.properties ?? {}).find(
      ([, field]) => typeof field['x-port-from'] === 'string',
    )?.[0];
    if (!portKey) continue;
    const ports = (config: Record<string, unknown>) =>
      new Set(
        (Array.isArray(config[key]) ? (config[key] as unknown[]) : [])
          .map((item) => (isItem(item) ? item[portKey] : undefined))
          .filter((port): port is string => typeof port === 'string'),
      );
    const kept = ports(after);
    for (const port of ports(before)) if (!kept.has(port)) gone.add(port);
  }
  return gone;
}

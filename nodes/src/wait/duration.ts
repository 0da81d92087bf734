const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(\d+[smhdw])+$/;

/** "90s", "5m", "2d", "1h30m" → milliseconds; null if not a duration. */
export function parseDuration(text: string): number | null {
  const compact = text.replace(/\s+/g, '').toLowerCase();
  if (!DURATION.test(compact)) return null;
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(/(\d+)([smhdw])/g))
    total += Number(amount) * (UNIT_MS[unit as string] as number);
  return total > 0 ? total : null;
}

import type { MigrationReport } from './migration-types';

/** One node of the old version in the review: where its leads go, how many, and who cannot move and why. */
export interface ReviewRow {
  from: string;
  /** Where the movable leads go; null when none can. */
  to: string | null;
  moving: number;
  blocked: Array<{ leads: number; reason: string }>;
}

/** The dry run's by-node lines, one row per old node (most leads first). */
export function reviewRows(report: MigrationReport): ReviewRow[] {
  const rows = new Map<string, ReviewRow>();
  const rowFor = (from: string): ReviewRow => {
    const row = rows.get(from) ?? { from, to: null, moving: 0, blocked: [] };
    rows.set(from, row);
    return row;
  };
  for (const line of report.byNode) {
    const row = rowFor(line.from);
    if (line.to !== null) {
      row.to = line.to;
      row.moving += line.leads;
    } else row.blocked.push({ leads: line.leads, reason: line.reason ?? 'it cannot move' });
  }
  const total = (row: ReviewRow) => row.moving + row.blocked.reduce((sum, part) => sum + part.leads, 0);
  return [...rows.values()].sort((a, b) => total(b) - total(a) || a.from.localeCompare(b.from));
}

/** Whether a blocked reason is about where the leads would go (a node map fixes it), not about the leads themselves. */
export function isMappable(reason: string): boolean {
  return !/running between nodes|its run refused/.test(reason);
}

/**
 * A reason of the API in words: node ids quoted in it become their labels, and "nodeMap" becomes
 * the choice the review offers. `label` names a node of either version, or null for an unknown id.
 */
export function reasonInWords(reason: string, label: (nodeId: string) => string | null): string {
  return reason
    .replace(/; map it to one in nodeMap$/, '; choose a wait for them')
    .replace(/'([^']+)'/g, (quoted, id: string) => {
      const name = label(id);
      return name ? `“${name}”` : quoted;
    })
    .replace(/^the node map sends/, 'your choice sends');
}

/** "1 lead", "3 leads". */
export const leadCount = (count: number): string => `${count} ${count === 1 ? 'lead' : 'leads'}`;

import type { NodeActivityContext } from '@leadflow/engine/worker';

export interface FakeLeadEvent {
  lead_id: string;
  type: string;
  data: Record<string, unknown>;
  occurred_at: Date;
}

export interface LeadEventsQuery {
  table: string;
  columns: readonly string[];
  where: Array<[column: string, op: string, value: unknown]>;
  orderBy: [column: string, direction: string];
  limit: number;
}

/**
 * Just the one query score v2 runs:
 * `selectFrom('lead_events').select([…]).where('lead_id', '=', id).where('type', 'in', types).orderBy('occurred_at', 'desc').limit(n).execute()`.
 * It filters, sorts and limits the rows for real, so the activity's bound and order are tested;
 * anything else throws, so a changed query fails here instead of passing by accident.
 * `queries` records each query as built.
 */
export function fakeLeadEventsDb(rows: readonly FakeLeadEvent[]): { db: NodeActivityContext['db']; queries: LeadEventsQuery[] } {
  const queries: LeadEventsQuery[] = [];
  const matches = (row: FakeLeadEvent, [column, op, value]: LeadEventsQuery['where'][number]): boolean => {
    const cell = row[column as keyof FakeLeadEvent];
    if (op === '=') return cell === value;
    if (op === 'in' && Array.isArray(value)) return value.includes(cell);
    throw new Error(`fake lead_events: unsupported where ${column} ${op}`);
  };
  const db = {
    selectFrom: (table: string) => ({
      select: (columns: readonly string[]) => {
        const query: LeadEventsQuery = { table, columns, where: [], orderBy: ['', ''], limit: Infinity };
        const builder = {
          where: (column: string, op: string, value: unknown) => (query.where.push([column, op, value]), builder),
          orderBy: (column: string, direction: string) => {
            if (column !== 'occurred_at') throw new Error(`fake lead_events: unsupported orderBy ${column}`);
            query.orderBy = [column, direction];
            return builder;
          },
          limit: (limit: number) => ((query.limit = limit), builder),
          execute: async () => {
            queries.push(query);
            if (table !== 'lead_events') throw new Error(`fake lead_events: unexpected table ${table}`);
            const sign = query.orderBy[1] === 'desc' ? -1 : 1;
            return rows
              .filter((row) => query.where.every((condition) => matches(row, condition)))
              .sort((a, b) => sign * (a.occurred_at.getTime() - b.occurred_at.getTime()))
              .slice(0, query.limit)
              .map((row) => Object.fromEntries(columns.map((column) => [column, row[column as keyof FakeLeadEvent]])));
          },
        };
        return builder;
      },
    }),
  };
  return { db: db as unknown as NodeActivityContext['db'], queries };
}

import type { NodeActivityContext } from '@leadflow/engine/worker';

type Row = Record<string, unknown>;

export interface FakeNotifyDb {
  db: NodeActivityContext['db'];
  /** The `notifications` table, in insertion order. */
  notifications: Row[];
}

/**
 * Exactly the kysely calls notify makes, over in-memory tables:
 * `insertInto(t).values(v).onConflict((oc) => oc.column(c).doNothing()).execute()`,
 * `selectFrom(t).select(cols).where(c, '=', v).executeTakeFirst()` (and `…OrThrow()`),
 * `updateTable(t).set(v).where(c, '=', v).execute()`. Anything else is a TypeError, on purpose.
 */
export function fakeNotifyDb(seed: { reps?: Row[]; teams?: Row[] } = {}): FakeNotifyDb {
  const tables: Record<string, Row[]> = { notifications: [], reps: [...(seed.reps ?? [])], teams: [...(seed.teams ?? [])] };
  const table = (name: string): Row[] => (tables[name] ??= []);
  const pick = (row: Row, columns: string | string[]): Row => Object.fromEntries((Array.isArray(columns) ? columns : [columns]).map((c) => [c, row[c]]));

  const db = {
    insertInto: (name: string) => ({
      values: (values: Row) => ({
        onConflict: (build: (oc: unknown) => unknown) => {
          let unique = '';
          build({ column: (column: string) => ((unique = column), { doNothing: () => undefined }) });
          return {
            execute: async () => {
              const rows = table(name);
              if (!rows.some((row) => row[unique] === values[unique])) rows.push({ ...values });
              return [];
            },
          };
        },
      }),
    }),
    selectFrom: (name: string) => ({
      select: (columns: string | string[]) => ({
        where: (column: string, _op: '=', value: unknown) => {
          const find = (): Row | undefined => table(name).find((row) => row[column] === value);
          return {
            executeTakeFirst: async () => {
              const row = find();
              return row && pick(row, columns);
            },
            executeTakeFirstOrThrow: async () => {
              const row = find();
              if (!row) throw new Error(`no ${name} row with ${column} = ${String(value)}`);
              return pick(row, columns);
            },
          };
        },
      }),
    }),
    updateTable: (name: string) => ({
      set: (values: Row) => ({
        where: (column: string, _op: '=', value: unknown) => ({
          execute: async () => {
            for (const row of table(name)) if (row[column] === value) Object.assign(row, values);
            return [];
          },
        }),
      }),
    }),
  };
  return { db: db as unknown as NodeActivityContext['db'], notifications: tables.notifications as Row[] };
}

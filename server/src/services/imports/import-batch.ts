import type { Database } from '@leadflow/engine/db';
import type { NormalizedLead } from '@leadflow/nodes';
import type { Kysely, Transaction } from 'kysely';
import { type LinkedAccount, leadInsertValues } from '../lead-insert.js';
import { leadflowMetrics } from '../../observability/leadflow-metrics.js';
import type { RowProblem } from './import-row.js';

/** A row that passed intake, with the key that makes its lead exactly-once. */
interface GoodRow {
  line: number;
  key: string;
  lead: NormalizedLead;
}

/** What one batch did, added to the import's counters. */
export interface BatchCounts {
  processed: number;
  created: number;
  duplicates: number;
  failed: number;
}

/** Rows read since the last write: good ones become leads, bad ones errors. */
export class ImportBatch {
  readonly good: GoodRow[] = [];
  readonly problems: Array<RowProblem & { line: number }> = [];
  private failedRows = 0;

  get size(): number {
    return this.good.length + this.failedRows;
  }

  add(line: number, key: string, lead: NormalizedLead): void {
    this.good.push({ line, key, lead });
  }

  fail(line: number, problems: readonly RowProblem[]): void {
    this.failedRows++;
    for (const problem of problems) this.problems.push({ line, ...problem });
  }

  get failed(): number {
    return this.failedRows;
  }
}

const RETRYABLE = new Set(['40P01', '40001']);
const sqlState = (error: unknown): string | undefined => (error as { code?: string }).code;

/**
 * Writes a batch in one transaction: its leads (a lead whose email, person key or row key is
 * already stored is a duplicate and left as it is), its errors and the import's counters. The
 * counters move only while the import is `running`, so a batch of a cancelled or interrupted
 * import is rolled back whole and `null` comes back. The counters thus always match what is stored.
 */
export async function writeBatch(
  db: Kysely<Database>,
  importId: string,
  workflow: { id: string; version: number },
  batch: ImportBatch,
): Promise<BatchCounts | null> {
  // Email order: two imports sharing addresses lock them in the same order, so they wait rather than deadlock.
  const good = [...batch.good].sort((a, b) =>
    a.lead.email < b.lead.email ? -1 : a.lead.email > b.lead.email ? 1 : a.line - b.line,
  );
  for (let attempt = 1; ; attempt++) {
    try {
      const counts = await db.transaction().execute(async (trx) => {
        const accounts = await accountsByDomain(trx, good);
        const created =
          good.length === 0
            ? []
            : await trx
                .insertInto('leads')
                .values(
                  good.map((row) =>
                    leadInsertValues(
                      workflow,
                      row.lead,
                      row.lead.accountDomain ? accounts.get(row.lead.accountDomain) : undefined,
                      { key: row.key },
                    ),
                  ),
                )
                .onConflict((oc) => oc.doNothing())
                .returning('id')
                .execute();
        if (batch.problems.length > 0) {
          await trx
            .insertInto('import_errors')
            .values(
              batch.problems.map((p) => ({
                import_id: importId,
                row_number: p.line,
                field: p.field,
                column_name: p.column,
                message: p.message,
              })),
            )
            .execute();
        }
        const counts = {
          processed: batch.size,
          created: created.length,
          duplicates: good.length - created.length,
          failed: batch.failed,
        };
        const running = await trx
          .updateTable('imports')
          .set((eb) => ({
            rows_processed: eb('rows_processed', '+', counts.processed),
            rows_created: eb('rows_created', '+', counts.created),
            rows_duplicates: eb('rows_duplicates', '+', counts.duplicates),
            rows_failed: eb('rows_failed', '+', counts.failed),
          }))
          .where('id', '=', importId)
          .where('status', '=', 'running')
          .returning('id')
          .executeTakeFirst();
        if (!running) throw new NotRunning();
        return counts;
      });
      leadflowMetrics.leadsCaptured.inc({ channel: 'csv' }, counts.created);
      return counts;
    } catch (error) {
      if (error instanceof NotRunning) return null;
      if (attempt < 3 && RETRYABLE.has(sqlState(error) ?? '')) continue;
      throw error;
    }
  }
}

class NotRunning extends Error {}

/** Capture v2's account links for a whole batch in one query. */
async function accountsByDomain(
  trx: Transaction<Database>,
  rows: readonly GoodRow[],
): Promise<Map<string, LinkedAccount>> {
  const domains = [
    ...new Set(rows.map((row) => row.lead.accountDomain).filter((domain): domain is string => domain !== null)),
  ];
  if (domains.length === 0) return new Map();
  const found = await trx
    .selectFrom('accounts')
    .select(['id', 'domain', 'owner_rep_id'])
    .where('domain', 'in', domains)
    .execute();
  return new Map(found.map((account) => [account.domain, { id: account.id, owner_rep_id: account.owner_rep_id }]));
}

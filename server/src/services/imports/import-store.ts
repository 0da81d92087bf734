import type { Database, ImportStatus } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';
import { Errors } from '../../errors.js';
import { type ImportRow, importLock, INTERRUPTED } from './import-runner.js';
import { afterPosition, cursorTime, decodeCursor, keysetPage } from '../keyset-cursor.js';
import type { CsvImport, ImportRowError } from '../../contract/imports.js';

/** An import as the API shows it: where it stands, with its counters and pace. */

/** An import as the API shows it (ImportSchema). */
export type ImportView = CsvImport;
export type ImportErrorView = ImportRowError;

export function importView(row: ImportRow, now = new Date()): ImportView {
  const seconds = row.started_at ? ((row.finished_at ?? now).getTime() - row.started_at.getTime()) / 1000 : 0;
  return {
    id: row.id,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    fileBytes: row.file_bytes,
    workflowId: row.workflow_id,
    workflowVersion: row.workflow_version,
    mapping: row.mapping,
    options: row.options,
    status: row.status,
    error: row.error,
    rows: {
      total: row.rows_total,
      processed: row.rows_processed,
      created: row.rows_created,
      duplicates: row.rows_duplicates,
      failed: row.rows_failed,
    },
    rowsPerSecond: seconds > 0 ? Math.round(row.rows_processed / seconds) : null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

const UNFINISHED: ImportStatus[] = ['queued', 'running'];

/** Read side of imports, cancelling, and the sweep that closes imports whose server died. */
export class ImportStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(id: string): Promise<ImportView> {
    const row = await this.db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw Errors.notFound('import', id);
    return importView(row);
  }

  /** The newest imports first; pass `nextCursor` back for the next page. */
  async list(
    page: { cursor?: string; limit?: number } = {},
  ): Promise<{ imports: ImportView[]; nextCursor: string | null }> {
    const limit = page.limit ?? 50;
    let query = this.db.selectFrom('imports').selectAll().select(cursorTime('created_at').as('cursor_at'));
    if (page.cursor) query = query.where(afterPosition('created_at', 'id', decodeCursor(page.cursor), 'desc'));
    const { rows, nextCursor } = keysetPage(
      await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute(),
      limit,
    );
    return { imports: rows.map((row) => importView(row)), nextCursor };
  }

  /** A page of an import's row errors in file order; pass `nextCursor` back for the next page. */
  async errors(
    id: string,
    page: { cursor?: string; limit?: number },
  ): Promise<{ errors: ImportErrorView[]; nextCursor: string | null }> {
    await this.get(id);
    const limit = page.limit ?? 100;
    let query = this.db
      .selectFrom('import_errors')
      .select(['id', 'row_number', 'field', 'column_name', 'message'])
      .where('import_id', '=', id);
    if (page.cursor !== undefined) {
      if (!/^\d{1,18}$/.test(page.cursor))
        throw Errors.invalidField([{ path: 'query.cursor', message: 'is not a cursor this API returned' }]);
      query = query.where('id', '>', page.cursor);
    }
    const rows = await query
      .orderBy('id')
      .limit(limit + 1)
      .execute();
    const shown = rows.slice(0, limit);
    return {
      errors: shown.map((row) => ({
        row: row.row_number,
        field: row.field,
        column: row.column_name,
        message: row.message,
      })),
      nextCursor: rows.length > limit ? String(shown[shown.length - 1]?.id) : null,
    };
  }

  /** Stops an unfinished import; the batch it is writing is rolled back, the ones before stay. */
  async cancel(id: string): Promise<ImportView> {
    const row = await this.db
      .updateTable('imports')
      .set({ status: 'cancelled', finished_at: new Date() })
      .where('id', '=', id)
      .where('status', 'in', UNFINISHED)
      .returningAll()
      .executeTakeFirst();
    if (row) return importView(row);
    const current = await this.get(id);
    throw Errors.conflict(
      `import '${id}' has already ${current.status === 'completed' ? 'completed' : `ended (${current.status})`}`,
      'id',
    );
  }

  /**
   * Marks failed every unfinished import that no live run holds the lock of: its server stopped
   * or crashed mid-file. Safe with several servers (a live run elsewhere keeps its lock). Returns
   * how many were marked.
   */
  async failInterrupted(): Promise<number> {
    const open = await this.db.selectFrom('imports').select('id').where('status', 'in', UNFINISHED).execute();
    if (open.length === 0) return 0;
    return this.db.connection().execute(async (conn) => {
      let marked = 0;
      for (const { id } of open) {
        const { rows } = await sql<{ free: boolean }>`SELECT pg_try_advisory_lock(${importLock(id)}) AS free`.execute(
          conn,
        );
        if (!rows[0]?.free) continue;
        try {
          const result = await conn
            .updateTable('imports')
            .set({ status: 'failed', error: INTERRUPTED, finished_at: new Date() })
            .where('id', '=', id)
            .where('status', 'in', UNFINISHED)
            .executeTakeFirst();
          marked += Number(result.numUpdatedRows);
        } finally {
          await sql`SELECT pg_advisory_unlock(${importLock(id)})`.execute(conn);
        }
      }
      return marked;
    });
  }
}

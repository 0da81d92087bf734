import { rm } from 'node:fs/promises';
import type { Database, ImportTable } from '@leadflow/engine/db';
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { readCsvRecords } from './csv-records.js';
import { ImportBatch, writeBatch } from './import-batch.js';
import type { ImportRowReader } from './import-row.js';

export type ImportRow = Selectable<ImportTable>;

/** Everything a run needs besides its stored row. */
export interface ImportJob {
  /** The uploaded file; removed when the run ends, however it ends. */
  path: string;
  delimiter: string;
  rows: ImportRowReader;
}

/**
 * The advisory lock a live run holds on its import for as long as it runs. Postgres drops it
 * when the run's connection ends, so an import whose lock is free is not running anywhere.
 */
export const importLock = (id: string) => sql<boolean>`hashtextextended(${id}, 7007)`;

export const INTERRUPTED =
  'interrupted: the server stopped while importing; import the same file again to bring in the rest (rows already imported are skipped)';

/**
 * Runs imports in the background, each on a connection of its own that holds the import's
 * advisory lock, reading the file record by record and writing a transaction per batch.
 */
export class ImportRunner {
  private readonly runs = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly batchSize = 500,
  ) {}

  /** Imports running in this process. */
  get running(): number {
    return this.runs.size;
  }

  /**
   * Stores the import and starts it; resolves with its row as soon as it is stored. The lock is
   * taken before the row exists, so the interrupted-import sweep can never mistake a starting
   * run for a dead one.
   */
  start(values: Insertable<ImportTable>, job: ImportJob): Promise<ImportRow> {
    return new Promise<ImportRow>((accepted, refused) => {
      let stored = false;
      const run = this.db
        .connection()
        .execute(async (conn) => {
          await sql`SELECT pg_advisory_lock(${importLock(values.id)})`.execute(conn);
          try {
            const row = await conn
              .insertInto('imports')
              .values({ ...values, status: 'running', started_at: new Date() })
              .returningAll()
              .executeTakeFirstOrThrow();
            stored = true;
            accepted(row);
            await this.process(conn, row, job).catch((error: Error) =>
              this.finish(conn, row.id, 'failed', `the import stopped: ${error.message}`),
            );
          } finally {
            await sql`SELECT pg_advisory_unlock(${importLock(values.id)})`.execute(conn);
          }
        })
        .catch((error: Error) => {
          if (!stored) refused(error);
        })
        .finally(() => {
          this.runs.delete(values.id);
          return rm(job.path, { force: true });
        });
      this.runs.set(values.id, run);
    });
  }

  /** Stops every run at its next batch, marking it interrupted, and waits for them (server shutdown). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.runs.values()]);
  }

  private async process(conn: Kysely<Database>, row: ImportRow, job: ImportJob): Promise<void> {
    const workflow = { id: row.workflow_id, version: row.workflow_version };
    let batch = new ImportBatch();
    let now = new Date();
    // One batch is written while the next is read and checked, so our CPU work and Postgres's overlap.
    let writing: Promise<boolean | Error> = Promise.resolve(true);
    /** False once a write found the import no longer running (cancelled, or marked interrupted): that batch was rolled back. */
    const written = async (): Promise<boolean> => {
      const outcome = await writing;
      if (outcome instanceof Error) throw outcome;
      return outcome;
    };
    const flush = async (): Promise<boolean> => {
      if (!(await written())) return false;
      const full = batch;
      writing = writeBatch(conn, row.id, workflow, full).then(
        (counts) => counts !== null,
        (error: Error) => error,
      );
      batch = new ImportBatch();
      now = new Date();
      return true;
    };
    let header = true;
    for await (const record of readCsvRecords(job.path, { delimiter: job.delimiter })) {
      if (header) {
        header = false;
        continue;
      }
      if (this.stopping) {
        await written();
        return this.finish(conn, row.id, 'failed', INTERRUPTED);
      }
      if (record.problem !== undefined)
        batch.fail(record.line, [{ field: null, column: null, message: record.problem }]);
      else {
        const result = job.rows.check(record.fields, now);
        if (result.ok) batch.add(record.line, `csv:${row.file_sha256}:${record.line}`, result.lead);
        else batch.fail(record.line, result.problems);
      }
      if (batch.size >= this.batchSize && !(await flush())) return;
    }
    if (batch.size > 0 && !(await flush())) return;
    if (await written()) await this.finish(conn, row.id, 'completed', null);
  }

  /** Ends a run that is still `running`; a cancelled one keeps its status. */
  private async finish(
    conn: Kysely<Database>,
    id: string,
    status: 'completed' | 'failed',
    error: string | null,
  ): Promise<void> {
    await conn
      .updateTable('imports')
      .set((eb) => ({
        status,
        error,
        finished_at: new Date(),
        ...(status === 'completed' && { rows_total: eb.ref('rows_processed') }),
      }))
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  }
}

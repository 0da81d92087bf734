import { execFileSync } from 'node:child_process';
import type { Database } from '@leadflow/engine/db';
import { findTemporalCli } from '@leadflow/server';
import { type Kysely, sql } from 'kysely';

/**
 * Every row of every table as text, as a database dump holds it (the embedded Postgres ships no
 * pg_dump, and Debian's refuses a newer server): where a leaked secret or a kept address would show.
 */
export async function databaseText(db: Kysely<Database>): Promise<string> {
  const tables = await sql<{
    name: string;
  }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`.execute(db);
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql<{ row: string }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(name)} t`.execute(db);
    parts.push(...rows.rows.map((row) => `${name}: ${row.row}`));
  }
  return parts.join('\n');
}

/** A workflow's raw history as `temporal workflow show --output json` prints it: what anyone with Temporal access reads. */
export function temporalHistoryText(address: string, workflowId: string): string {
  const cli = findTemporalCli();
  if (!cli) throw new Error('the Temporal CLI is needed to read raw histories');
  return execFileSync(
    cli,
    ['workflow', 'show', '--address', address, '--workflow-id', workflowId, '--output', 'json'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
}

/** Everything this process writes to stdout and stderr while `work` runs (the in-process worker and server log there). */
export async function capturedOutput<T>(work: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const original = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const tap =
    (write: typeof process.stdout.write) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    };
  process.stdout.write = tap(original.out) as typeof process.stdout.write;
  process.stderr.write = tap(original.err) as typeof process.stderr.write;
  try {
    return { result: await work(), output: chunks.join('') };
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
  }
}

#!/usr/bin/env node
import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '@leadflow/server';

/**
 * CSV import, measured through the real HTTP API against the server as `npm start` runs it (its
 * own process, with embedded Postgres and Temporal): a generated file of N rows (1 % with a bad
 * email) is streamed to POST /api/imports, progress is polled until it completes, and the server
 * process's resident memory is sampled throughout. The embedded worker is off unless asked for,
 * so the figures are the import's own (DB ingest) and not the imported leads' workflows, which
 * the pending-start sweep would otherwise start and run in the same process meanwhile.
 *
 *   npm run bench:csv -w bench                        10,000 then 100,000 rows
 *   npm run bench:csv -w bench -- --rows 50000,300000 other sizes
 *   npm run bench:csv -w bench -- --with-worker       the worker runs imported leads meanwhile
 */

const argRows = process.argv.indexOf('--rows');
const sizes =
  argRows > 0
    ? String(process.argv[argRows + 1])
        .split(',')
        .map(Number)
    : process.argv.includes('--smoke')
      ? [1000]
      : [10_000, 100_000];
const token = 'bench-csv';
const withWorker = process.argv.includes('--with-worker');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident and peak resident memory of one process (Linux /proc), in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** Lets VmHWM measure from now on (Linux: writing 5 to clear_refs resets the peak to the current RSS). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** Writes the file row by row through a stream, so the generator holds no more than the bench does. */
async function writeCsv(file: string, rows: number, tag: string): Promise<void> {
  async function* lines(): AsyncGenerator<string> {
    yield 'Email,First Name,Last Name,Company,Job Title,Phone,Country,Lead Source,Plan\n';
    for (let i = 0; i < rows; i++) {
      const email = i % 100 === 99 ? `broken-${i}@` : `p${i}.${tag}@company${i % 5000}.example.com`;
      yield `${email},First${i},Last${i},"Company ${i % 5000}, Inc.",VP Sales,+1 415 555 ${String(i % 10_000).padStart(4, '0')},US,csv_bench,${i % 3 ? 'pro' : 'free'}\n`;
    }
  }
  await pipeline(lines, createWriteStream(file));
}

/** The server in a process of its own (its output, Temporal's included, goes to `log`). */
async function startServer(dataDir: string, log: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const server = path.join(path.dirname(fileURLToPath(import.meta.resolve('@leadflow/server'))), 'cli', 'start.js');
  const env = {
    ...process.env,
    LEADFLOW_ADMIN_TOKEN: token,
    LEADFLOW_DATA_DIR: dataDir,
    PORT: String(port),
    LEADFLOW_POSTGRES_PORT: String(await freePort()),
    LEADFLOW_TEMPORAL_PORT: String(await freePort()),
    LEADFLOW_TEMPORAL_UI_PORT: String(await freePort()),
    LEADFLOW_WORKER: withWorker ? 'on' : 'off',
  };
  const output = openSync(log, 'a');
  const child = spawn(process.execPath, [server], { env, stdio: ['ignore', output, output] });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; await sleep(500)) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) while starting`);
    const ok = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { child, url };
  }
  child.kill('SIGTERM');
  throw new Error('the server did not become healthy within 3 minutes');
}

interface ImportState {
  id: string;
  status: string;
  error: string | null;
  rows: { total: number; processed: number; created: number; duplicates: number; failed: number };
  startedAt: string | null;
  finishedAt: string | null;
}

async function api<T>(url: string, init: RequestInit & { duplex?: 'half' } = {}): Promise<T> {
  const response = await fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

interface Figure {
  rows: number;
  fileMiB: number;
  uploadSeconds: number;
  importSeconds: number;
  rowsPerSecond: number;
  created: number;
  failed: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
  /** The machine's 1-minute load average when the import ended: on a shared box, other work slows the figures. */
  load: number;
}

async function measure(url: string, pid: number, file: string, rows: number): Promise<Figure> {
  // Settle first: the baseline is the server idling, not the tail of what ran before.
  await sleep(3000);
  const before = memoryOf(pid).rss;
  resetPeak(pid);
  let sampledPeak = before;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, memoryOf(pid).rss);
  }, 50);
  try {
    const t0 = performance.now();
    const body = createReadStream(file);
    const started = await api<ImportState>(`${url}/api/imports?workflow=inbound&fileName=bench-${rows}.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: body as unknown as RequestInit['body'],
      duplex: 'half',
    });
    const uploadSeconds = (performance.now() - t0) / 1000;
    let state = started;
    while (state.status === 'queued' || state.status === 'running') {
      await sleep(250);
      state = await api<ImportState>(`${url}/api/imports/${started.id}`);
    }
    if (state.status !== 'completed') throw new Error(`import ended ${state.status}: ${state.error}`);
    const importSeconds = (Date.parse(state.finishedAt as string) - Date.parse(state.startedAt as string)) / 1000;
    const peak = Math.max(sampledPeak, memoryOf(pid).peak);
    return {
      rows,
      fileMiB: statSync(file).size / 2 ** 20,
      uploadSeconds,
      importSeconds,
      rowsPerSecond: state.rows.processed / importSeconds,
      created: state.rows.created,
      failed: state.rows.failed,
      rssBeforeMiB: before / 2 ** 20,
      rssPeakMiB: peak / 2 ** 20,
      load: loadavg()[0] as number,
    };
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  console.log(
    `Leadflow CSV import benchmark: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
  );
  const dataDir = mkdtempSync(path.join(tmpdir(), 'leadflow-bench-csv-'));
  chmodSync(dataDir, 0o755);
  const files = mkdtempSync(path.join(tmpdir(), 'leadflow-bench-csv-files-'));
  console.log(`starting the server (embedded Postgres, Temporal${withWorker ? ', worker' : '; worker off'}) …`);
  const log = path.join(files, 'server.log');
  const { child, url } = await startServer(dataDir, log).catch((error: Error) => {
    console.error(readFileSync(log, 'utf8').slice(-4000));
    throw error;
  });
  const pid = child.pid as number;
  const figures: Figure[] = [];
  try {
    console.log(
      '\n     rows  file MiB  upload s  import s   rows/s  created  failed  load   server RSS MiB: before → peak (import Δ)',
    );
    for (const rows of sizes) {
      const file = path.join(files, `leads-${rows}.csv`);
      await writeCsv(file, rows, `${rows}-${Date.now()}`);
      const f = await measure(url, pid, file, rows);
      rmSync(file);
      figures.push(f);
      console.log(
        `  ${String(rows).padStart(7)}  ${f.fileMiB.toFixed(1).padStart(8)}  ${f.uploadSeconds.toFixed(1).padStart(8)}  ${f.importSeconds.toFixed(1).padStart(8)}  ${Math.round(f.rowsPerSecond).toString().padStart(7)}  ${String(f.created).padStart(7)}  ${String(f.failed).padStart(6)}  ${f.load.toFixed(1).padStart(4)}   ${f.rssBeforeMiB.toFixed(0)} → ${f.rssPeakMiB.toFixed(0)} (+${(f.rssPeakMiB - f.rssBeforeMiB).toFixed(0)})`,
      );
    }
  } catch (error) {
    console.error(`server log (tail):\n${readFileSync(log, 'utf8').slice(-4000)}`);
    throw error;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  }
  console.log(
    '\nrows/s: rows processed ÷ (finishedAt − startedAt) of the import (parse, capture rules, batched inserts; the upload is timed apart).',
  );
  console.log(
    'Peak: highest of VmRSS sampled every 50 ms and VmHWM (reset before each import) of the server process; Postgres and Temporal run in processes of their own.',
  );
}

main().catch((error: Error) => {
  console.error(`benchmark failed: ${error.message}`);
  process.exit(1);
});

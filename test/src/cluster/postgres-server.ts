import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '@leadflow/server';
import type { CertificateFiles } from './certificates.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** LEADFLOW_PG_BIN, else Debian's PostgreSQL (`apt-get install postgresql`), the newest installed. */
function postgresBin(): string {
  if (process.env.LEADFLOW_PG_BIN) return process.env.LEADFLOW_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((name) => existsSync(path.join(root, name, 'bin/initdb')))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest)
    throw new Error(
      'no PostgreSQL server binaries: apt-get install postgresql, or set LEADFLOW_PG_BIN to a folder holding initdb and postgres',
    );
  return path.join(root, newest, 'bin');
}

export interface PostgresServer {
  port: number;
  pid: number;
  /** With TLS: the CA clients verify the server with. */
  caFile: string | null;
  /** A URL for `user` on `database`; with TLS it asks for verify-full against `caFile`. */
  url(user: string, password: string, database: string): string;
  /** Creates a login role (CREATEDB when asked) and, unless `database` is null, a database it owns. */
  createRole(user: string, password: string, database: string | null, options?: { createdb?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export interface PostgresServerOptions {
  dir: string;
  /** Serve TLS with this certificate, and refuse connections without it (hostssl only). */
  tls?: CertificateFiles & { ca: string };
  maxConnections?: number;
}

/**
 * A PostgreSQL server of its own in `dir`, on a free loopback port, run as the `postgres` user
 * when we are root (Postgres refuses to run as root). Passwords are checked (scram-sha-256), as
 * on a real deployment.
 */
export async function startPostgresServer(options: PostgresServerOptions): Promise<PostgresServer> {
  const asRoot = userInfo().uid === 0;
  const data = path.join(options.dir, 'data');
  await mkdir(data, { recursive: true });
  const owner = asRoot ? Number((await run('id', ['-u', 'postgres'])).stdout.trim()) : userInfo().uid;
  const group = asRoot ? Number((await run('id', ['-g', 'postgres'])).stdout.trim()) : userInfo().gid;
  await chmod(options.dir, 0o755);
  await chown(data, owner, group);
  const superPassword = 'postgres-test';
  const pwfile = path.join(options.dir, 'pwfile');
  await writeFile(pwfile, `${superPassword}\n`);
  await chown(pwfile, owner, group);
  const bins = postgresBin();
  const as = (bin: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bins, bin), ...args]] : [path.join(bins, bin), args];
  await run(
    ...as('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--pwfile',
      pwfile,
      '--auth=scram-sha-256',
      '-E',
      'UTF8',
      '--no-sync',
    ]),
  );

  const port = await freePort();
  const settings = [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${data}'`,
    `max_connections = ${options.maxConnections ?? 300}`,
    'shared_buffers = 256MB',
    'fsync = on',
    'synchronous_commit = on',
  ];
  const hba = ['local all all scram-sha-256'];
  if (options.tls) {
    for (const [from, to] of [
      [options.tls.cert, 'server.crt'],
      [options.tls.key, 'server.key'],
      [options.tls.ca, 'root.crt'],
    ] as const) {
      await copyFile(from, path.join(data, to));
      await chown(path.join(data, to), owner, group);
      await chmod(path.join(data, to), 0o600);
    }
    settings.push('ssl = on', "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'");
    // TCP only over TLS: a client that ignores sslmode is refused, not served in the clear.
    hba.push('hostssl all all 127.0.0.1/32 scram-sha-256', 'hostnossl all all 127.0.0.1/32 reject');
  } else {
    hba.push('host all all 127.0.0.1/32 scram-sha-256');
  }
  await writeFile(path.join(data, 'postgresql.auto.conf'), `${settings.join('\n')}\n`);
  await writeFile(path.join(data, 'pg_hba.conf'), `${hba.join('\n')}\n`);
  await chown(path.join(data, 'postgresql.auto.conf'), owner, group);
  await chown(path.join(data, 'pg_hba.conf'), owner, group);

  const [bin, args] = as('postgres', ['-D', data]);
  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const caFile = options.tls?.ca ?? null;
  const url = (user: string, password: string, database: string): string => {
    const base = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    return caFile ? `${base}?sslmode=verify-full&sslrootcert=${encodeURIComponent(caFile)}` : base;
  };
  const superUrl = url('postgres', superPassword, 'postgres');
  for (const deadline = Date.now() + 30_000; ; await sleep(200)) {
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}): ${log}`);
    const client = new pg.Client({ connectionString: superUrl });
    const up = await client.connect().then(
      () => true,
      () => false,
    );
    await client.end().catch(() => undefined);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`postgres did not accept connections in 30 s: ${log}`);
  }
  const pid = Number((await run('head', ['-1', path.join(data, 'postmaster.pid')])).stdout.trim());

  return {
    port,
    pid,
    caFile,
    url,
    async createRole(user, password, database, roleOptions = {}) {
      const client = new pg.Client({ connectionString: superUrl });
      await client.connect();
      try {
        await client.query(
          `CREATE ROLE ${user} LOGIN PASSWORD '${password}'${roleOptions.createdb ? ' CREATEDB' : ''}`,
        );
        if (database) await client.query(`CREATE DATABASE ${database} OWNER ${user}`);
      } finally {
        await client.end();
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // SIGINT to the postmaster itself (not runuser): "fast" shutdown, sessions are aborted.
      process.kill(pid, 'SIGINT');
      await Promise.race([exited, sleep(20_000)]);
    },
  };
}

import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@leadflow/server';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** What `npm start` meets after a hard kill: a data directory whose postmaster.pid outlived its server. */
describe('embedded Postgres after a hard kill', () => {
  let dir: string;
  let dataDir: string;
  const running: EmbeddedPostgresHandle[] = [];

  const said: string[] = [];
  const start = async (): Promise<EmbeddedPostgresHandle> => {
    const handle = await startEmbeddedPostgres({ dataDir, port: await freePort(), log: (line) => said.push(line) });
    running.push(handle);
    return handle;
  };
  const stop = async (handle: EmbeddedPostgresHandle): Promise<void> => {
    await handle.stop();
    running.splice(running.indexOf(handle), 1);
  };
  const answers = async (url: string): Promise<number> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query('SELECT 1 AS one')).rows[0].one;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'leadflow-pg-'));
    await chmod(dir, 0o755);
    dataDir = path.join(dir, 'postgres');
    await stop(await start());
  });
  afterAll(async () => {
    for (const handle of running.splice(0)) await handle.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('starts anyway when the pid in postmaster.pid is alive but is not Postgres (a pid reused after a reboot)', async () => {
    // Postgres itself takes a live process of its own user for another postmaster and refuses.
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const impostor = spawn('sleep', ['600'], { uid, stdio: 'ignore' });
    try {
      const lock = [
        String(impostor.pid),
        dataDir,
        '1700000000',
        '5432',
        '/tmp',
        '127.0.0.1',
        '  1234567    1',
        'ready',
        '',
      ].join('\n');
      await writeFile(path.join(dataDir, 'postmaster.pid'), lock, { mode: 0o600 });
      execFileSync('chown', ['postgres', path.join(dataDir, 'postmaster.pid')]);
      said.length = 0;
      const handle = await start();
      expect(await answers(handle.url)).toBe(1);
      // It took the recovery path: Postgres refused first, the stale file went, the second try ran.
      expect(said.join('\n')).toMatch(/lock file .* already exists/);
      expect(said.join('\n')).toContain('removing a stale');
      expect(await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).not.toMatch(
        new RegExp(`^${impostor.pid}\\n`),
      );
      await stop(handle);
    } finally {
      impostor.kill();
    }
  });

  it('says what Postgres said and what to do when another Postgres really runs on the data directory', async () => {
    const first = await start();
    const pid = (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0];
    const error = await start().then(
      () => null,
      (failure: unknown) => failure as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toContain('embedded PostgreSQL did not start');
    expect(error?.message).toMatch(/Postgres said: .*lock file/);
    expect(error?.message).toContain(`another Postgres (pid ${pid}) is running on ${dataDir}`);
    // The running one was left alone.
    expect(await answers(first.url)).toBe(1);
    await stop(first);
  });
});

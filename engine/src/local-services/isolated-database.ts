import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh database of its own inside a Postgres server (its URL), so test files sharing one
 * server never see each other's rows.
 */
export async function createIsolatedDatabase(serverUrl: string, prefix = 'leadflow'): Promise<string> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

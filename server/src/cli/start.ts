#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../config.js';
import { startLeadflow } from '../runtime/start-leadflow.js';
import { startBanner } from './start-banner.js';

/** The admin token: LEADFLOW_ADMIN_TOKEN, else one made on first start and kept in the data folder. */
function adminToken(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const token = `lf_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

async function main(): Promise<void> {
  const config = readConfig();
  const token = adminToken(config.dataDir, config.adminToken);
  const handle = await startLeadflow({ ...config, adminToken: token });
  console.log(
    startBanner({
      url: handle.url,
      token,
      temporalAddress: handle.temporalAddress,
      temporalUiUrl: handle.temporalUiUrl,
      data: config.databaseUrl ? 'DATABASE_URL' : config.dataDir,
      seeded: handle.seeded,
    }),
  );

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Leadflow …`);
    await handle.stop();
    console.log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(`Leadflow could not start: ${error.message}`);
  process.exit(1);
});

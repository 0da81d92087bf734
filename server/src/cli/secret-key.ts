#!/usr/bin/env node
import { Keyring, newSecretKey } from '@leadflow/engine/crypto';
import { createDatabase, migrateToLatest } from '@leadflow/engine/db';
import { readConfig } from '../config.js';
import { keyringFile, loadKeyring, saveKeyring } from '../runtime/keyring-file.js';
import { rotateKeyring } from '../runtime/rotate-keyring.js';

/**
 * `npm run secret-key -- --new`: prints a new keyring for LEADFLOW_SECRET_KEY.
 * `npm run secret-key -- --rotate`: puts a new key first and seals every stored secret again
 * under it (credentials, leads' data keys, webhook signing secrets); the old keys stay so what
 * they sealed in Temporal's history still opens. Against the embedded Postgres (run it while
 * Leadflow is stopped) or DATABASE_URL.
 */
async function main(): Promise<void> {
  const config = readConfig();
  if (process.argv.includes('--new')) {
    console.log(new Keyring([newSecretKey()]).toString());
    return;
  }
  if (!process.argv.includes('--rotate'))
    throw new Error('say --new (print a new keyring) or --rotate (add a key and seal every stored secret again)');
  let stopPostgres: (() => Promise<void>) | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const { startEmbeddedPostgres } = await import('@leadflow/engine/local-services');
    const path = await import('node:path');
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'postgres'),
      port: config.embeddedPorts.postgres,
    });
    stopPostgres = postgres.stop;
    databaseUrl = postgres.url;
  }
  const db = createDatabase(databaseUrl);
  try {
    await migrateToLatest(db);
    const keyring = loadKeyring({
      secretKey: config.secretKey,
      dataDir: config.dataDir,
      embedded: !config.databaseUrl,
    });
    const { keyring: rotated, resealed } = await rotateKeyring(db, keyring);
    if (config.secretKey) {
      console.log(
        `Sealed ${resealed} secrets again under key '${rotated.current.id}'. Set this everywhere (every API server and worker), then restart them:\n\nLEADFLOW_SECRET_KEY=${rotated.toString()}`,
      );
    } else {
      saveKeyring(config.dataDir, rotated);
      console.log(
        `Sealed ${resealed} secrets again under key '${rotated.current.id}'; the keyring in ${keyringFile(config.dataDir)} now starts with it.`,
      );
    }
  } finally {
    await db.destroy();
    await stopPostgres?.();
  }
}

main().catch((error: Error) => {
  console.error(`secret-key: ${error.message}`);
  process.exit(1);
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Keyring, newSecretKey, parseKeyring } from '@leadflow/engine/crypto';

/**
 * The keyring secrets and payloads are sealed with: LEADFLOW_SECRET_KEY when set; else, for the
 * embedded defaults, the data folder's `secret-key` (made on first start, readable by its owner
 * only). Every server and worker of one Leadflow must share it.
 */
export function loadKeyring(options: { secretKey: string | undefined; dataDir: string; embedded: boolean }): Keyring {
  if (options.secretKey) return parseKeyring(options.secretKey);
  const file = keyringFile(options.dataDir);
  if (existsSync(file)) return parseKeyring(readFileSync(file, 'utf8'), file);
  if (!options.embedded) {
    throw new Error(
      'LEADFLOW_SECRET_KEY is not set: on your own Postgres every API server and worker must share one keyring; make it with `npm run secret-key -- --new` and set it everywhere',
    );
  }
  const keyring = new Keyring([newSecretKey()]);
  saveKeyring(options.dataDir, keyring);
  return keyring;
}

export function keyringFile(dataDir: string): string {
  return path.join(dataDir, 'secret-key');
}

export function saveKeyring(dataDir: string, keyring: Keyring): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(keyringFile(dataDir), `${keyring.toString()}\n`, { mode: 0o600 });
}

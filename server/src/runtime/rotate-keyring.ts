import { Keyring, newSecretKey, openSealed, seal, sealedKeyId } from '@leadflow/engine/crypto';
import type { Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';

export interface Rotation {
  keyring: Keyring;
  /** How many sealed values were sealed again under the new key. */
  resealed: number;
}

/**
 * Puts a new key first in the keyring and seals every stored secret — credentials, the leads'
 * data keys, webhook signing secrets — again under it, in one transaction. The old keys stay in
 * the ring: payloads already in Temporal's history that were sealed with them still open.
 */
export async function rotateKeyring(db: Kysely<Database>, keyring: Keyring): Promise<Rotation> {
  const rotated = new Keyring([newSecretKey(keyring), ...keyring.keys]);
  const again = (sealed: string): string =>
    sealedKeyId(sealed) === rotated.current.id ? sealed : seal(rotated, openSealed(keyring, sealed));
  let resealed = 0;
  await db.transaction().execute(async (trx) => {
    for (const row of await trx.selectFrom('credentials').select(['id', 'sealed_secret']).forUpdate().execute()) {
      await trx
        .updateTable('credentials')
        .set({ sealed_secret: again(row.sealed_secret) })
        .where('id', '=', row.id)
        .execute();
      resealed++;
    }
    for (const row of await trx
      .selectFrom('lead_keys')
      .select(['lead_id', 'sealed_key'])
      .where('sealed_key', 'is not', null)
      .forUpdate()
      .execute()) {
      await trx
        .updateTable('lead_keys')
        .set({ sealed_key: again(row.sealed_key as string) })
        .where('lead_id', '=', row.lead_id)
        .execute();
      resealed++;
    }
    for (const row of await trx
      .selectFrom('webhook_sources')
      .select(['id', 'secret', 'previous_secret'])
      .forUpdate()
      .execute()) {
      const sealedOrPlain = (value: string): string => (value.startsWith('lf1:') ? again(value) : seal(rotated, value));
      await trx
        .updateTable('webhook_sources')
        .set({
          secret: sealedOrPlain(row.secret),
          previous_secret: row.previous_secret === null ? null : sealedOrPlain(row.previous_secret),
        })
        .where('id', '=', row.id)
        .execute();
      resealed++;
    }
  });
  return { keyring: rotated, resealed };
}

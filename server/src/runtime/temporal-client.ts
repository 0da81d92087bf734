import { type Keyring, LeadflowPayloadCodec, LeadKeys } from '@leadflow/engine/crypto';
import type { Database } from '@leadflow/engine/db';
import { Client, type Connection } from '@temporalio/client';
import { failureConverterPath } from '@leadflow/engine/worker';
import type { Kysely } from 'kysely';

/** The payload codec every Leadflow process shares: a lead's payloads under its own key, others under the keyring. */
export function leadflowCodec(db: Kysely<Database>, keyring: Keyring): LeadflowPayloadCodec & { leadKeys: LeadKeys } {
  return new LeadflowPayloadCodec(keyring, new LeadKeys(db, keyring)) as LeadflowPayloadCodec & { leadKeys: LeadKeys };
}

/** A Temporal client whose payloads (inputs, signals, updates, query answers, failures) are encrypted. */
export function leadflowClient(connection: Connection, namespace: string | undefined, codec: LeadflowPayloadCodec): Client {
  return new Client({
    connection,
    ...(namespace && { namespace }),
    dataConverter: { payloadCodecs: [codec], failureConverterPath },
  });
}

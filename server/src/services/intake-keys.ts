import { randomBytes } from 'node:crypto';
import type { Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';
import { Errors } from '../errors.js';
import type { WorkflowStore } from './workflow-store.js';

/** A form's public key: 144 random bits, so keys cannot be guessed, only read from a page. */
export const newPublicKey = (): string => `pk_${randomBytes(18).toString('base64url')}`;

/** A webhook source's signing secret: 256 random bits. */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * The workflow id a form or webhook source names by id or slug; null for "the default". An
 * unknown one is a bad field, not a missing resource.
 */
export async function workflowIdFor(workflows: WorkflowStore, ref: string | null | undefined): Promise<string | null> {
  if (ref === null || ref === undefined) return null;
  try {
    return (await workflows.find(ref)).id;
  } catch {
    throw Errors.invalidField([{ path: 'workflow', message: `no workflow has id or slug '${ref}'` }]);
  }
}

/** Deletes a row by id, or says it was not there. */
export async function deleteById(
  db: Kysely<Database>,
  table: 'forms' | 'webhook_sources',
  what: string,
  id: string,
): Promise<void> {
  const deleted = await db.deleteFrom(table).where('id', '=', id).executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw Errors.notFound(what, id);
}

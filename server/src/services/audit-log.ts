import type { Database } from '@leadflow/engine/db';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { AuditQuery, AuditEntry as AuditEntryView } from '../contract/access.js';

/** Who made a change: a token's name and id (no id for the bootstrap admin token or the seed). */
export interface Actor {
  name: string;
  tokenId: string | null;
}

/** The first-start seed, as an actor. */
export const SEED_ACTOR: Actor = Object.freeze({ name: 'seed', tokenId: null });

export interface AuditEntry {
  /** `<subject>.<verb>`, e.g. `workflow.published`, `rep.updated`, `token.revoked`. */
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, unknown>;
}

/** An audit row as the API shows it (AuditEntrySchema). */
export type AuditView = AuditEntryView;

export type AuditFilters = Static<typeof AuditQuery>;

/** A field that changed: what it was and what it became. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * Records a change in the caller's transaction, so the audit row exists exactly when the change
 * does: a rolled-back change leaves no row and a committed one always has one.
 */
export async function writeAudit(trx: Transaction<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await writeAudits(trx, actor, [entry]);
}

/** Rows per insert statement: well inside Postgres' 65,535 parameters. */
const AUDIT_CHUNK = 1000;

/** {@link writeAudit} for many changes at once (a bulk upsert), in a few statements. */
export async function writeAudits(
  trx: Transaction<Database>,
  actor: Actor,
  entries: readonly AuditEntry[],
): Promise<void> {
  for (let start = 0; start < entries.length; start += AUDIT_CHUNK) {
    await trx
      .insertInto('audit_log')
      .values(
        entries.slice(start, start + AUDIT_CHUNK).map((entry) => ({
          actor: actor.name,
          actor_token_id: actor.tokenId,
          action: entry.action,
          subject_type: entry.subjectType,
          subject_id: entry.subjectId,
          detail: JSON.stringify(entry.detail ?? {}),
        })),
      )
      .execute();
  }
}

/** The fields whose values differ between two views of one thing (compared as JSON), minus `ignore`. */
export function changedFields(before: object, after: object, ignore: readonly string[] = ['updatedAt']): FieldChanges {
  const changes: FieldChanges = {};
  const was = before as Record<string, unknown>;
  for (const [field, to] of Object.entries(after)) {
    if (ignore.includes(field) || JSON.stringify(was[field]) === JSON.stringify(to)) continue;
    changes[field] = { from: was[field] ?? null, to };
  }
  return changes;
}

/** Writes `<subjectType>.updated` with the fields that changed between the two views, or nothing when none did. */
export async function auditChanges(
  trx: Transaction<Database>,
  actor: Actor,
  subjectType: string,
  subjectId: string,
  before: object,
  after: object,
): Promise<void> {
  const changes = changedFields(before, after);
  if (Object.keys(changes).length > 0)
    await writeAudit(trx, actor, { action: `${subjectType}.updated`, subjectType, subjectId, detail: { changes } });
}

function auditView(row: Selectable<Database['audit_log']>): AuditView {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    actorTokenId: row.actor_token_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    detail: row.detail,
  };
}

/** Reads the audit log, newest first. */
export class AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async list(filters: AuditFilters): Promise<{ entries: AuditView[]; nextCursor: string | null }> {
    const limit = Math.min(filters.limit ?? 50, 500);
    let query = this.db.selectFrom('audit_log').selectAll();
    if (filters.subjectType) query = query.where('subject_type', '=', filters.subjectType);
    if (filters.subjectId) query = query.where('subject_id', '=', filters.subjectId);
    if (filters.actor) query = query.where('actor', '=', filters.actor);
    if (filters.action) query = query.where('action', '=', filters.action);
    if (filters.since) query = query.where('at', '>=', new Date(filters.since));
    // The cursor is the last id seen: ids only grow, so "older than it" is one index range.
    if (filters.cursor) query = query.where('id', '<', Number(filters.cursor));
    const rows = await query
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { entries: page.map(auditView), nextCursor: rows.length > limit && last ? String(last.id) : null };
  }
}

import { type Keyring, openSealed, seal } from '@leadflow/engine/crypto';
import type { Database, FieldMapping } from '@leadflow/engine/db';
import { type Kysely, type Selectable, sql } from 'kysely';
import { Errors } from '../errors.js';
import { mappingProblems } from './field-mapping.js';
import { deleteById, newSigningSecret, workflowIdFor } from './intake-keys.js';
import { SIGNATURE_TOLERANCE_SECONDS } from '@leadflow/nodes';
import type { WorkflowStore } from './workflow-store.js';
import type { WebhookSource } from '../contract/intake.js';

/** A webhook source as the API shows it (WebhookSourceSchema): never its secret. */
export type WebhookSourceView = WebhookSource;
export type WebhookSourceRow = Selectable<Database['webhook_sources']>;

export interface WebhookSourceInput {
  name: string;
  workflow?: string | null;
  fieldMapping?: FieldMapping | null;
  active?: boolean;
}

/** How long the secret before a rotation still verifies, so senders can switch without losing deliveries. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

function sourceView(row: WebhookSourceRow, now = new Date()): WebhookSourceView {
  const graceLeft = row.previous_secret_expires_at && row.previous_secret_expires_at > now;
  return {
    id: row.id,
    name: row.name,
    endpoint: `/intake/webhooks/${row.id}`,
    workflowId: row.workflow_id,
    fieldMapping: row.field_mapping,
    active: row.active,
    previousSecretValidUntil: graceLeft ? (row.previous_secret_expires_at as Date).toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A stored signing secret opened: sealed under the keyring (`lf1:…`), or as stored before secrets were sealed. */
export function openSigningSecret(keyring: Keyring, stored: string): string {
  return stored.startsWith('lf1:') ? openSealed(keyring, stored).toString('utf8') : stored;
}

/** The secrets a delivery may be signed with now: the current one, and the previous during its grace. */
export function secretsInForce(keyring: Keyring, row: WebhookSourceRow, now = new Date()): string[] {
  const previous =
    row.previous_secret && row.previous_secret_expires_at && row.previous_secret_expires_at > now
      ? [openSigningSecret(keyring, row.previous_secret)]
      : [];
  return [openSigningSecret(keyring, row.secret), ...previous];
}

/**
 * Marketing-automation and ad-platform senders. Their secrets leave the server twice only: in
 * the answer to create and to rotate.
 */
export class WebhookSourceStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly workflows: WorkflowStore,
    /** Secrets are stored sealed under it. */
    readonly keyring: Keyring,
  ) {}

  async list(): Promise<WebhookSourceView[]> {
    return (await this.db.selectFrom('webhook_sources').selectAll().orderBy('created_at').execute()).map((row) =>
      sourceView(row),
    );
  }

  async get(id: string): Promise<WebhookSourceView> {
    return sourceView(await this.row(id));
  }

  async create(input: WebhookSourceInput): Promise<WebhookSourceView & { secret: string }> {
    const values = await this.columns(input);
    const secret = newSigningSecret();
    const row = await this.db
      .insertInto('webhook_sources')
      .values({ name: input.name, secret: seal(this.keyring, secret), ...values })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...sourceView(row), secret };
  }

  async update(id: string, patch: Partial<WebhookSourceInput>): Promise<WebhookSourceView> {
    await this.row(id);
    const values = await this.columns(patch);
    const row = await this.db
      .updateTable('webhook_sources')
      .set({ ...values, ...(patch.name !== undefined && { name: patch.name }), updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return sourceView(row);
  }

  /** A new secret; the old one keeps verifying for PREVIOUS_SECRET_GRACE_MS. */
  async rotate(id: string): Promise<WebhookSourceView & { secret: string }> {
    await this.row(id);
    const secret = newSigningSecret();
    const row = await this.db
      .updateTable('webhook_sources')
      .set((eb) => ({
        previous_secret: eb.ref('secret'),
        previous_secret_expires_at: new Date(Date.now() + PREVIOUS_SECRET_GRACE_MS),
        secret: seal(this.keyring, secret),
        updated_at: sql<Date>`now()`,
      }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...sourceView(row), secret };
  }

  async remove(id: string): Promise<void> {
    await deleteById(this.db, 'webhook_sources', 'webhook source', id);
  }

  /** The active source a delivery names; undefined for an unknown or switched-off one. */
  async findActive(id: string): Promise<WebhookSourceRow | undefined> {
    return this.db
      .selectFrom('webhook_sources')
      .selectAll()
      .where('id', '=', id)
      .where('active', '=', true)
      .executeTakeFirst();
  }

  /**
   * Claims a signed delivery; false when it was claimed before (a replay). The primary key makes
   * two concurrent copies claim it once. Claims older than the signature tolerance are dropped on
   * the way: their signatures are refused as stale anyway.
   */
  async claimDelivery(sourceId: string, digest: string): Promise<boolean> {
    await this.db
      .deleteFrom('webhook_deliveries')
      .where('received_at', '<', new Date(Date.now() - 2 * SIGNATURE_TOLERANCE_SECONDS * 1000))
      .execute();
    const claimed = await this.db
      .insertInto('webhook_deliveries')
      .values({ source_id: sourceId, digest })
      .onConflict((oc) => oc.doNothing())
      .returning('digest')
      .executeTakeFirst();
    return claimed !== undefined;
  }

  /** Gives a claim back when its delivery failed and wrote nothing (see ChannelIntake). */
  async releaseDelivery(sourceId: string, digest: string): Promise<void> {
    await this.db
      .deleteFrom('webhook_deliveries')
      .where('source_id', '=', sourceId)
      .where('digest', '=', digest)
      .execute();
  }

  private async row(id: string): Promise<WebhookSourceRow> {
    const row = await this.db.selectFrom('webhook_sources').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw Errors.notFound('webhook source', id);
    return row;
  }

  private async columns(input: Partial<WebhookSourceInput>) {
    if (input.fieldMapping) {
      const problems = mappingProblems(input.fieldMapping);
      if (problems.length > 0) throw Errors.invalidField(problems);
    }
    return {
      ...(input.workflow !== undefined && { workflow_id: await workflowIdFor(this.workflows, input.workflow) }),
      ...(input.fieldMapping !== undefined && {
        field_mapping: input.fieldMapping === null ? null : JSON.stringify(input.fieldMapping),
      }),
      ...(input.active !== undefined && { active: input.active }),
    };
  }
}

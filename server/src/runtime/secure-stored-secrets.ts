import { createHash } from 'node:crypto';
import type { GraphDocument, NodeRegistry, Plan } from '@leadflow/engine';
import { contentHash } from '@leadflow/engine/compiler';
import { type Keyring, seal } from '@leadflow/engine/crypto';
import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';
import { writeAudit } from '../services/audit-log.js';

const MIGRATION_ACTOR = { name: 'migration', tokenId: null };

type Config = Record<string, unknown>;
interface Inline {
  kind: string;
  secret: Record<string, string>;
  label: string;
  /** Writes the credential's id into the config in place of the inline secret. */
  replace(id: string): void;
}

/** Headers an http node sent that hold a secret: they move into a credential. */
const SECRET_HEADER = /authorization|api[-_]?key|token|secret|password/i;

/** The inline secrets a node config holds, by node type: what moves into the credential store. */
function inlineSecrets(type: string, version: number, config: Config): Inline[] {
  const found: Inline[] = [];
  if (type === 'notify' && version === 2) {
    if (typeof config.slackWebhookUrl === 'string' && config.slackWebhookUrl) {
      const url = config.slackWebhookUrl;
      found.push({
        kind: 'slack_webhook',
        secret: { url },
        label: 'Slack',
        replace: (id) => ((config.slackCredential = id), delete config.slackWebhookUrl),
      });
    }
    if (typeof config.webhookUrl === 'string' && config.webhookUrl) {
      const url = config.webhookUrl;
      found.push({
        kind: 'webhook',
        secret: { url },
        label: 'webhook',
        replace: (id) => ((config.webhookCredential = id), delete config.webhookUrl),
      });
    }
  }
  if (type === 'enrich' && version === 2 && Array.isArray(config.providers)) {
    for (const provider of config.providers as Config[]) {
      if (typeof provider.authHeader !== 'string' || !provider.authHeader.includes(':')) continue;
      const colon = provider.authHeader.indexOf(':');
      const secret = {
        header: provider.authHeader.slice(0, colon).trim(),
        value: provider.authHeader.slice(colon + 1).trim(),
      };
      found.push({
        kind: 'http_header',
        secret,
        label: `${String(provider.name ?? 'vendor')} API key`,
        replace: (id) => ((provider.credential = id), delete provider.authHeader),
      });
    }
  }
  if (type === 'http' && version === 1 && config.headers && typeof config.headers === 'object' && !config.credential) {
    const headers = config.headers as Record<string, string>;
    const name = Object.keys(headers).find((header) => SECRET_HEADER.test(header) && !headers[header]?.includes('{{'));
    if (name) {
      found.push({
        kind: 'http_header',
        secret: { header: name, value: headers[name] as string },
        label: `${name} header`,
        replace: (id) => ((config.credential = id), delete headers[name]),
      });
    }
  }
  return found;
}

/**
 * Run at every start, after the schema migrations; does nothing once done. Seals webhook sources'
 * signing secrets stored before secrets were sealed, and moves secrets written inline in node
 * configs (Slack and webhook URLs, vendor auth headers, http nodes' auth headers) into the
 * credential store, naming them by id in every draft and published version instead. Leads
 * already running keep the configs they started with; activities still read those.
 */
export async function secureStoredSecrets(
  db: Kysely<Database>,
  keyring: Keyring,
  registry: NodeRegistry,
  log: (line: string) => void = () => undefined,
): Promise<void> {
  const sealed = await sealSigningSecrets(db, keyring);
  if (sealed > 0) log(`sealed ${sealed} webhook signing secrets`);
  const moved = await moveInlineSecrets(db, keyring, registry);
  if (moved > 0) log(`moved ${moved} secrets from workflow graphs into credentials`);
}

async function sealSigningSecrets(db: Kysely<Database>, keyring: Keyring): Promise<number> {
  const plain = await db
    .selectFrom('webhook_sources')
    .select(['id', 'secret', 'previous_secret'])
    .where((eb) => eb.or([eb('secret', 'not like', 'lf1:%'), eb('previous_secret', 'not like', 'lf1:%')]))
    .execute();
  for (const row of plain) {
    await db
      .updateTable('webhook_sources')
      .set({
        secret: row.secret.startsWith('lf1:') ? row.secret : seal(keyring, row.secret),
        previous_secret:
          row.previous_secret === null || row.previous_secret.startsWith('lf1:')
            ? row.previous_secret
            : seal(keyring, row.previous_secret),
      })
      .where('id', '=', row.id)
      .execute();
  }
  return plain.length;
}

async function moveInlineSecrets(db: Kysely<Database>, keyring: Keyring, registry: NodeRegistry): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // One start at a time does this; another server starting at once waits and finds nothing left.
    await sql`SELECT pg_advisory_xact_lock(hashtext('leadflow:move-inline-secrets'))`.execute(trx);
    const bySecret = new Map<string, string>();
    let moved = 0;
    const credentialFor = async (inline: Inline, workflow: string, nodeId: string): Promise<string> => {
      const fingerprint = `sha256:${createHash('sha256').update(JSON.stringify(inline.secret)).digest('hex').slice(0, 12)}`;
      const known = bySecret.get(`${inline.kind}:${fingerprint}`);
      if (known) return known;
      const taken = new Set((await trx.selectFrom('credentials').select('name').execute()).map((row) => row.name));
      let name = `${workflow} · ${nodeId} · ${inline.label}`;
      for (let n = 2; taken.has(name); n++) name = `${workflow} · ${nodeId} · ${inline.label} (${n})`;
      const row = await trx
        .insertInto('credentials')
        .values({
          name,
          kind: inline.kind,
          sealed_secret: seal(keyring, JSON.stringify(inline.secret)),
          fingerprint,
          created_by: MIGRATION_ACTOR.name,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, MIGRATION_ACTOR, {
        action: 'credential.created',
        subjectType: 'credential',
        subjectId: row.id,
        detail: { name, kind: inline.kind, fingerprint, movedFrom: `${workflow}/${nodeId}` },
      });
      bySecret.set(`${inline.kind}:${fingerprint}`, row.id);
      moved++;
      return row.id;
    };
    /** Moves the inline secrets of every node of `nodes` (document or plan nodes); true if any moved. */
    const secure = async (
      workflow: string,
      nodes: Array<{ id: string; type: string; typeVersion: number; config: Config }>,
    ): Promise<boolean> => {
      let changed = false;
      for (const node of nodes) {
        if (!registry.get(node.type, node.typeVersion)) continue;
        for (const inline of inlineSecrets(node.type, node.typeVersion, node.config)) {
          inline.replace(await credentialFor(inline, workflow, node.id));
          changed = true;
        }
      }
      return changed;
    };

    const workflows = await trx.selectFrom('workflows').select(['id', 'slug', 'draft']).forUpdate().execute();
    for (const workflow of workflows) {
      const draft = workflow.draft as unknown as GraphDocument;
      if (Array.isArray(draft.nodes) && (await secure(workflow.slug, draft.nodes as never))) {
        await trx
          .updateTable('workflows')
          .set({ draft: JSON.stringify(draft) })
          .where('id', '=', workflow.id)
          .execute();
      }
      const versions = await trx
        .selectFrom('workflow_versions')
        .select(['id', 'document', 'plan'])
        .where('workflow_id', '=', workflow.id)
        .execute();
      for (const version of versions) {
        const document = version.document as unknown as GraphDocument;
        const plan = version.plan as unknown as Plan & {
          nodes: Record<string, { id: string; type: string; typeVersion: number; config: Config }>;
        };
        const documentChanged = Array.isArray(document.nodes) && (await secure(workflow.slug, document.nodes as never));
        const planChanged = await secure(workflow.slug, Object.values(plan.nodes ?? {}));
        if (!documentChanged && !planChanged) continue;
        const hash = contentHash({ format: plan.format, entry: plan.entry, nodes: plan.nodes });
        await trx
          .updateTable('workflow_versions')
          .set({ document: JSON.stringify(document), plan: JSON.stringify({ ...plan, hash }), hash })
          .where('id', '=', version.id)
          .execute();
      }
    }
    return moved;
  });
}

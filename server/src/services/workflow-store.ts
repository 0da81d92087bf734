import type { GraphDocument, NodeRegistry, Plan } from '@leadflow/engine';
import {
  compileGraph,
  type CompileError,
  type CompileResult,
  describeNodes,
  type NodeDescription,
} from '@leadflow/engine/compiler';
import type { Database } from '@leadflow/engine/db';
import { type Kysely, type Selectable, sql } from 'kysely';
import { Errors } from '../errors.js';
import { type Actor, writeAudit } from './audit-log.js';
import type { CredentialStore } from './credentials/credential-store.js';
import type { EventTypeStore } from './event-types/event-type-store.js';
import { slugify } from './slug.js';
import type { Version, WorkflowDetail, WorkflowSummary } from '../contract/workflows.js';

export type { WorkflowDetail, WorkflowSummary };
/** A published version as lists show it (VersionSchema). */
export type PublishedVersion = Version;

type WorkflowRow = Selectable<Database['workflows']>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Workflows, their drafts and their immutable published versions. */
export class WorkflowStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly registry: NodeRegistry,
    private readonly eventTypes: EventTypeStore,
    private readonly credentials: CredentialStore,
  ) {}

  /** Compiles a graph against the node registry, the event catalog and the credential store as they are now. */
  async compile(document: unknown): Promise<CompileResult> {
    const [eventTypes, credentials] = await Promise.all([this.eventTypes.names(), this.credentials.index()]);
    return compileGraph(document, this.registry, { eventTypes, credentials });
  }

  /** Workflows (by slug) whose draft or a published version waits for or reads the event type. */
  async eventTypeUsers(name: string): Promise<string[]> {
    const [drafts, versions] = await Promise.all([
      this.db.selectFrom('workflows').select(['slug', 'draft as document']).execute(),
      this.db
        .selectFrom('workflow_versions')
        .innerJoin('workflows', 'workflows.id', 'workflow_versions.workflow_id')
        .select(['workflows.slug', 'workflow_versions.document'])
        .execute(),
    ]);
    const users = new Set<string>();
    for (const { slug, document } of [...drafts, ...versions]) {
      const nodes = (document as unknown as Partial<GraphDocument>).nodes ?? [];
      const names = nodes.some((node) =>
        this.registry
          .get(node.type, node.typeVersion)
          ?.eventsOf?.(node.config)
          .some((named) => named.type === name),
      );
      if (names) users.add(slug);
    }
    return [...users].sort();
  }

  /** A new workflow's draft: just the entry node, ready to build on. */
  emptyDraft(name: string): GraphDocument {
    const capture = this.registry.latest('capture');
    return {
      name,
      nodes: capture
        ? [
            {
              id: 'capture',
              type: capture.type,
              typeVersion: capture.version,
              position: { x: 0, y: 0 },
              config: structuredClone(capture.defaultConfig) as Record<string, unknown>,
            },
          ]
        : [],
      edges: [],
    };
  }

  async create(
    input: { name: string; slug?: string; draft?: GraphDocument; isDefault?: boolean },
    actor: Actor,
  ): Promise<WorkflowDetail> {
    const slug = input.slug ?? slugify(input.name);
    const taken = await this.db.selectFrom('workflows').select('id').where('slug', '=', slug).executeTakeFirst();
    if (taken) throw Errors.conflict(`a workflow with slug '${slug}' already exists`, 'slug');
    const draft = input.draft ?? this.emptyDraft(input.name);
    const row = await this.db.transaction().execute(async (trx) => {
      if (input.isDefault)
        await trx.updateTable('workflows').set({ is_default: false }).where('is_default', '=', true).execute();
      const created = await trx
        .insertInto('workflows')
        .values({
          slug,
          name: input.name,
          draft: JSON.stringify({ ...draft, name: input.name }),
          is_default: input.isDefault ?? false,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, actor, {
        action: 'workflow.created',
        subjectType: 'workflow',
        subjectId: created.id,
        detail: { slug, name: input.name, isDefault: created.is_default },
      });
      return created;
    });
    return this.detail(row);
  }

  async find(idOrSlug: string): Promise<WorkflowRow> {
    const row = await this.db
      .selectFrom('workflows')
      .selectAll()
      .where((eb) =>
        UUID.test(idOrSlug) ? eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]) : eb('slug', '=', idOrSlug),
      )
      .executeTakeFirst();
    if (!row) throw Errors.notFound('workflow', idOrSlug);
    return row;
  }

  async findDefault(): Promise<WorkflowRow> {
    const row = await this.db.selectFrom('workflows').selectAll().where('is_default', '=', true).executeTakeFirst();
    if (!row) throw Errors.noDefaultWorkflow();
    return row;
  }

  async get(idOrSlug: string): Promise<WorkflowDetail> {
    return this.detail(await this.find(idOrSlug));
  }

  async list(): Promise<WorkflowSummary[]> {
    const rows = await this.db.selectFrom('workflows').selectAll().orderBy('created_at').execute();
    const [versions, inFlight] = await Promise.all([
      this.db
        .selectFrom('workflow_versions')
        .select(['workflow_id', (eb) => eb.fn.max('version').as('version')])
        .groupBy('workflow_id')
        .execute(),
      this.db
        .selectFrom('leads')
        .select(['workflow_id', (eb) => eb.fn.countAll<number>().as('count')])
        .where('run_status', 'in', ['starting', 'running', 'waiting', 'error'])
        .groupBy('workflow_id')
        .execute(),
    ]);
    const versionOf = new Map(versions.map((v) => [v.workflow_id, Number(v.version)]));
    const flightOf = new Map(inFlight.map((f) => [f.workflow_id, Number(f.count)]));
    return rows.map((row) => this.summary(row, versionOf.get(row.id) ?? null, flightOf.get(row.id) ?? 0));
  }

  /** Renames a workflow, or makes it the one new leads without a workflow go to. */
  async update(
    idOrSlug: string,
    changes: { name?: string; isDefault?: boolean },
    actor: Actor,
  ): Promise<WorkflowDetail> {
    const current = await this.find(idOrSlug);
    if (changes.isDefault && current.archived_at) throw Errors.archived(current.slug);
    const row = await this.db.transaction().execute(async (trx) => {
      if (changes.isDefault)
        await trx
          .updateTable('workflows')
          .set({ is_default: false })
          .where('is_default', '=', true)
          .where('id', '!=', current.id)
          .execute();
      const draft =
        changes.name === undefined ? undefined : JSON.stringify({ ...(current.draft as object), name: changes.name });
      const updated = await trx
        .updateTable('workflows')
        .set({
          ...(changes.name !== undefined && { name: changes.name, draft }),
          ...(changes.isDefault !== undefined && { is_default: changes.isDefault }),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (changes.name !== undefined && changes.name !== current.name) {
        await writeAudit(trx, actor, {
          action: 'workflow.renamed',
          subjectType: 'workflow',
          subjectId: current.id,
          detail: { slug: current.slug, from: current.name, to: changes.name },
        });
      }
      if (changes.isDefault && !current.is_default) {
        await writeAudit(trx, actor, {
          action: 'workflow.made_default',
          subjectType: 'workflow',
          subjectId: current.id,
          detail: { slug: current.slug },
        });
      }
      return updated;
    });
    return this.detail(row);
  }

  /** A new workflow whose draft is a copy of this one's draft; versions are not copied. */
  async duplicate(idOrSlug: string, name: string, actor: Actor): Promise<WorkflowDetail> {
    const source = await this.find(idOrSlug);
    let slug = slugify(name);
    for (
      let n = 2;
      await this.db.selectFrom('workflows').select('id').where('slug', '=', slug).executeTakeFirst();
      n += 1
    )
      slug = `${slugify(name)}-${n}`;
    return this.create({ name, slug, draft: { ...(source.draft as unknown as GraphDocument), name } }, actor);
  }

  /**
   * Archived workflows take no new leads and cannot be edited; leads already in them finish on
   * their version. The default workflow cannot be archived (new leads need somewhere to go).
   */
  async setArchived(idOrSlug: string, archived: boolean, actor: Actor): Promise<WorkflowDetail> {
    const current = await this.find(idOrSlug);
    if (archived && current.is_default)
      throw Errors.conflict(
        `workflow '${current.slug}' is the default; make another workflow the default first`,
        'archived',
      );
    const row = await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('workflows')
        .set({ archived_at: archived ? sql<Date>`coalesce(archived_at, now())` : null, updated_at: sql<Date>`now()` })
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (archived !== (current.archived_at !== null)) {
        await writeAudit(trx, actor, {
          action: archived ? 'workflow.archived' : 'workflow.unarchived',
          subjectType: 'workflow',
          subjectId: current.id,
          detail: { slug: current.slug },
        });
      }
      return updated;
    });
    return this.detail(row);
  }

  /**
   * Drafts may be unfinished: saved if well-formed, with the problems still in them returned.
   * Saving a draft is not audited (it happens on every edit), but renaming the workflow through it is.
   */
  async saveDraft(
    idOrSlug: string,
    draft: GraphDocument,
    actor: Actor,
  ): Promise<{ workflow: WorkflowDetail; problems: CompileError[]; nodes: Record<string, NodeDescription> }> {
    const current = await this.find(idOrSlug);
    if (current.archived_at) throw Errors.archived(current.slug);
    const row = await this.db.transaction().execute(async (trx) => {
      const saved = await trx
        .updateTable('workflows')
        .set({ draft: JSON.stringify(draft), name: draft.name, updated_at: sql<Date>`now()` })
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (draft.name !== current.name) {
        await writeAudit(trx, actor, {
          action: 'workflow.renamed',
          subjectType: 'workflow',
          subjectId: current.id,
          detail: { slug: current.slug, from: current.name, to: draft.name },
        });
      }
      return saved;
    });
    const result = await this.compile(draft);
    return {
      workflow: await this.detail(row),
      problems: result.ok ? [] : result.errors,
      nodes: describeNodes(draft, this.registry),
    };
  }

  async validate(
    document: unknown,
  ): Promise<{ ok: boolean; hash: string | null; errors: CompileError[]; nodes: Record<string, NodeDescription> }> {
    const result = await this.compile(document);
    // A body that is not even a graph has no nodes to describe; the errors say why.
    const nodes = result.ok || isGraphShaped(document) ? describeNodes(document as GraphDocument, this.registry) : {};
    return result.ok
      ? { ok: true, hash: result.plan.hash, errors: [], nodes }
      : { ok: false, hash: null, errors: result.errors, nodes };
  }

  /** Compiles the draft and stores it as the next immutable version, authored by `actor`. */
  async publish(idOrSlug: string, note: string, actor: Actor): Promise<PublishedVersion> {
    const workflow = await this.find(idOrSlug);
    if (workflow.archived_at) throw Errors.archived(workflow.slug);
    const result = await this.compile(workflow.draft);
    if (!result.ok) throw Errors.invalidGraph(result.errors);
    const row = await this.db.transaction().execute(async (trx) => {
      // The row lock makes concurrent publishes take consecutive version numbers.
      await trx.selectFrom('workflows').select('id').where('id', '=', workflow.id).forUpdate().execute();
      const latest = await trx
        .selectFrom('workflow_versions')
        .select(['version', 'hash'])
        .where('workflow_id', '=', workflow.id)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (latest?.hash === result.plan.hash) throw Errors.unchanged(latest.version);
      const published = await trx
        .insertInto('workflow_versions')
        .values({
          workflow_id: workflow.id,
          version: (latest?.version ?? 0) + 1,
          document: JSON.stringify(workflow.draft),
          plan: JSON.stringify(result.plan),
          hash: result.plan.hash,
          note,
          author: actor.name,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, actor, {
        action: 'workflow.published',
        subjectType: 'workflow',
        subjectId: workflow.id,
        detail: { slug: workflow.slug, version: published.version, hash: published.hash, note },
      });
      return published;
    });
    return versionView(row);
  }

  async versions(idOrSlug: string): Promise<PublishedVersion[]> {
    const workflow = await this.find(idOrSlug);
    const rows = await this.db
      .selectFrom('workflow_versions')
      .selectAll()
      .where('workflow_id', '=', workflow.id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map(versionView);
  }

  async version(
    idOrSlug: string,
    version: number,
  ): Promise<PublishedVersion & { document: GraphDocument; plan: Plan }> {
    const workflow = await this.find(idOrSlug);
    const row = await this.db
      .selectFrom('workflow_versions')
      .selectAll()
      .where('workflow_id', '=', workflow.id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) throw Errors.notFound(`version of workflow ${workflow.slug}`, String(version));
    return {
      ...versionView(row),
      document: row.document as unknown as GraphDocument,
      plan: row.plan as unknown as Plan,
    };
  }

  /** The version new leads start on. */
  async latestPlan(workflow: WorkflowRow): Promise<{ version: number; plan: Plan }> {
    const row = await this.db
      .selectFrom('workflow_versions')
      .select(['version', 'plan'])
      .where('workflow_id', '=', workflow.id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) throw Errors.noPublishedVersion(workflow.slug);
    return { version: row.version, plan: row.plan as unknown as Plan };
  }

  private async detail(row: WorkflowRow): Promise<WorkflowDetail> {
    const [latest, inFlight] = await Promise.all([
      this.db
        .selectFrom('workflow_versions')
        .select(['version', 'hash'])
        .where('workflow_id', '=', row.id)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst(),
      this.db
        .selectFrom('leads')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('workflow_id', '=', row.id)
        .where('run_status', 'in', ['starting', 'running', 'waiting', 'error'])
        .executeTakeFirst(),
    ]);
    const draft = row.draft as unknown as GraphDocument;
    const compiled = compileGraph(draft, this.registry);
    return {
      ...this.summary(row, latest?.version ? Number(latest.version) : null, Number(inFlight?.count ?? 0)),
      draft,
      draftHash: compiled.ok ? compiled.plan.hash : null,
      publishedHash: latest?.hash ?? null,
    };
  }

  private summary(row: WorkflowRow, publishedVersion: number | null, leadsInFlight: number): WorkflowSummary {
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      isDefault: row.is_default,
      archived: row.archived_at !== null,
      publishedVersion,
      leadsInFlight,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }
}

function isGraphShaped(document: unknown): boolean {
  const nodes = (document as { nodes?: unknown } | null)?.nodes;
  return (
    Array.isArray(nodes) &&
    nodes.every(
      (node) => typeof node === 'object' && node !== null && typeof (node as { id?: unknown }).id === 'string',
    )
  );
}

function versionView(row: Selectable<Database['workflow_versions']>): PublishedVersion {
  return {
    workflowId: row.workflow_id,
    version: row.version,
    hash: row.hash,
    note: row.note,
    author: row.author,
    publishedAt: row.published_at.toISOString(),
  };
}

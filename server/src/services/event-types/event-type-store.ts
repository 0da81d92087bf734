import type { Database } from '@leadflow/engine/db';
import type { ValidateFunction } from 'ajv';
import type { Kysely, Selectable } from 'kysely';
import { fieldErrors } from '@leadflow/engine/compiler';
import { Errors, type ProblemDetail } from '../../errors.js';
import { ajv } from '../../plugins/validation.js';
import { type Actor, auditChanges, writeAudit } from '../audit-log.js';
import { BUILTIN_EVENT_TYPES, BUILTIN_NAMES, type EventTypeView } from './builtin-event-types.js';
import { closeMatches } from './close-matches.js';

type EventTypeRow = Selectable<Database['event_types']>;

export interface EventTypeInput {
  name: string;
  label: string;
  description?: string;
  dataSchema?: Record<string, unknown> | null;
  /** Capture tokens may post it. @default false */
  intake?: boolean;
}

/** Who still names an event type: workflows whose draft or a published version waits for or reads it. */
export type EventTypeUsers = (name: string) => Promise<string[]>;

const schemas = ajv({ coerceTypes: false });

function view(row: EventTypeRow): EventTypeView & { createdBy: string; createdAt: string; updatedAt: string } {
  return {
    name: row.name,
    label: row.label,
    description: row.description,
    builtIn: false,
    postable: true,
    intake: row.intake,
    dataSchema: (row.data_schema as Record<string, unknown> | null) ?? null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * The event catalog: the built-in types and the custom ones an admin or editor declared, each
 * with an optional JSON Schema for its data. Workflows may only wait for declared types, and a
 * post of an undeclared type is refused with the close matches, so a typo never waits forever.
 */
export class EventTypeStore {
  private readonly validators = new Map<string, { at: number; validate: ValidateFunction }>();

  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<EventTypeView[]> {
    const rows = await this.db.selectFrom('event_types').selectAll().orderBy('name').execute();
    return [...BUILTIN_EVENT_TYPES, ...rows.map(view)];
  }

  /** Every declared name: what the compiler checks a graph's waits against. */
  async names(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('event_types').select('name').execute();
    return new Set([...BUILTIN_NAMES, ...rows.map((row) => row.name)]);
  }

  async get(name: string): Promise<EventTypeView> {
    const builtIn = BUILTIN_EVENT_TYPES.find((type) => type.name === name);
    if (builtIn) return builtIn;
    const row = await this.db.selectFrom('event_types').selectAll().where('name', '=', name).executeTakeFirst();
    if (!row) throw Errors.notFound('event type', name);
    return view(row);
  }

  async create(input: EventTypeInput, actor: Actor): Promise<EventTypeView> {
    if (BUILTIN_NAMES.has(input.name)) throw Errors.conflict(`'${input.name}' is a built-in event type`, 'name');
    this.checkSchema(input.dataSchema);
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto('event_types')
        .values({
          name: input.name,
          label: input.label,
          description: input.description ?? '',
          data_schema: input.dataSchema ? JSON.stringify(input.dataSchema) : null,
          intake: input.intake ?? false,
          created_by: actor.name,
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!created) throw Errors.conflict(`event type '${input.name}' already exists`, 'name');
      await writeAudit(trx, actor, {
        action: 'event_type.created',
        subjectType: 'event_type',
        subjectId: input.name,
        detail: { label: input.label },
      });
      return created;
    });
    return view(row);
  }

  async update(name: string, input: Partial<Omit<EventTypeInput, 'name'>>, actor: Actor): Promise<EventTypeView> {
    if (BUILTIN_NAMES.has(name))
      throw Errors.conflict(`'${name}' is a built-in event type and cannot be changed`, 'name');
    this.checkSchema(input.dataSchema);
    const row = await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('event_types')
        .selectAll()
        .where('name', '=', name)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw Errors.notFound('event type', name);
      const after = await trx
        .updateTable('event_types')
        .set({
          ...(input.label !== undefined && { label: input.label }),
          ...(input.description !== undefined && { description: input.description }),
          ...(input.dataSchema !== undefined && {
            data_schema: input.dataSchema ? JSON.stringify(input.dataSchema) : null,
          }),
          ...(input.intake !== undefined && { intake: input.intake }),
          updated_at: new Date(),
        })
        .where('name', '=', name)
        .returningAll()
        .executeTakeFirstOrThrow();
      await auditChanges(trx, actor, 'event_type', name, view(before), view(after));
      return after;
    });
    return view(row);
  }

  /** Removes a custom type no workflow names; one that a draft or published version waits for is a 409 naming them. */
  async remove(name: string, users: EventTypeUsers, actor: Actor): Promise<void> {
    if (BUILTIN_NAMES.has(name))
      throw Errors.conflict(`'${name}' is a built-in event type and cannot be deleted`, 'name');
    const naming = await users(name);
    if (naming.length > 0)
      throw Errors.referenced(
        'event type',
        name,
        naming.map((workflow) => `workflow '${workflow}' waits for or reads it`),
      );
    await this.db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('event_types').where('name', '=', name).returning('name').executeTakeFirst();
      if (!deleted) throw Errors.notFound('event type', name);
      await writeAudit(trx, actor, { action: 'event_type.deleted', subjectType: 'event_type', subjectId: name });
    });
  }

  /**
   * Refuses a post of an event type the catalog lacks (naming the close matches), one Leadflow
   * records itself, or one whose data its schema refuses (naming each field under `data.`). Answers
   * the type as the catalog shows it.
   */
  async assertPostable(type: string, data: Record<string, unknown>): Promise<EventTypeView> {
    const builtIn = BUILTIN_EVENT_TYPES.find((known) => known.name === type);
    if (builtIn) {
      if (!builtIn.postable)
        throw Errors.invalidField([
          { path: 'type', message: `'${type}' events are recorded by Leadflow itself and cannot be posted` },
        ]);
      return builtIn;
    }
    const row = await this.db.selectFrom('event_types').selectAll().where('name', '=', type).executeTakeFirst();
    if (!row) {
      const postable = [
        ...BUILTIN_EVENT_TYPES.filter((known) => known.postable).map((known) => known.name),
        ...(await this.customNames()),
      ];
      const near = closeMatches(type, postable);
      const hint =
        near.length > 0
          ? `did you mean ${near.map((name) => `'${name}'`).join(' or ')}?`
          : 'declare it with POST /api/event-types first';
      throw Errors.invalidField([{ path: 'type', message: `'${type}' is not a declared event type; ${hint}` }]);
    }
    if (row.data_schema) {
      const validate = this.validatorFor(row);
      if (!validate(data)) throw Errors.invalidField(fieldErrors(validate.errors, 'data'));
    }
    return view(row);
  }

  private async customNames(): Promise<string[]> {
    return (await this.db.selectFrom('event_types').select('name').execute()).map((row) => row.name);
  }

  private validatorFor(row: EventTypeRow): ValidateFunction {
    const at = row.updated_at.getTime();
    const cached = this.validators.get(row.name);
    if (cached && cached.at === at) return cached.validate;
    const validate = schemas.compile(row.data_schema as object);
    this.validators.set(row.name, { at, validate });
    return validate;
  }

  /** A data schema must compile (ajv's own check), and describe an object: event data always is one. */
  private checkSchema(schema: Record<string, unknown> | null | undefined): void {
    if (!schema) return;
    const problems: ProblemDetail[] = [];
    if (schema.type !== undefined && schema.type !== 'object')
      problems.push({ path: 'dataSchema.type', message: "must be 'object': an event's data is an object" });
    try {
      schemas.compile(schema);
    } catch (error) {
      problems.push({
        path: 'dataSchema',
        message: `is not a JSON Schema ajv can use: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    if (problems.length > 0) throw Errors.invalidField(problems);
  }
}

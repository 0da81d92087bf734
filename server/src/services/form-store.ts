import type { Database } from '@leadflow/engine/db';
import { type Kysely, type Selectable, sql } from 'kysely';
import { Errors } from '../errors.js';
import { isLeadFieldName } from './form-post.js';
import { renderFormSnippet } from './form-snippet.js';
import { deleteById, newPublicKey, workflowIdFor } from './intake-keys.js';
import type { WorkflowStore } from './workflow-store.js';
import type { WebForm } from '../contract/intake.js';

/** A web form as the API shows it (FormSchema). */
export type FormView = WebForm;
export type FormRow = Selectable<Database['forms']>;

export interface FormInput {
  name: string;
  allowedOrigins?: string[];
  workflow?: string | null;
  honeypotField?: string;
  rateLimitPerMinute?: number;
  redirectUrl?: string | null;
  defaultCountry?: string | null;
  active?: boolean;
}

export const formEndpoint = (publicKey: string): string => `/intake/forms/${publicKey}`;

export function formView(row: FormRow): FormView {
  return {
    id: row.id,
    name: row.name,
    publicKey: row.public_key,
    endpoint: formEndpoint(row.public_key),
    allowedOrigins: row.allowed_origins,
    workflowId: row.workflow_id,
    honeypotField: row.honeypot_field,
    rateLimitPerMinute: row.rate_limit_per_minute,
    redirectUrl: row.redirect_url,
    defaultCountry: row.default_country,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Web forms that post leads to the public endpoint, each with its own key, origins and limits. */
export class FormStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly workflows: WorkflowStore,
  ) {}

  async list(): Promise<FormView[]> {
    return (await this.db.selectFrom('forms').selectAll().orderBy('created_at').execute()).map(formView);
  }

  async get(id: string): Promise<FormView> {
    return formView(await this.row(id));
  }

  private async row(id: string): Promise<FormRow> {
    const row = await this.db.selectFrom('forms').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw Errors.notFound('form', id);
    return row;
  }

  async create(input: FormInput): Promise<FormView> {
    const values = await this.columns(input);
    const row = await this.db
      .insertInto('forms')
      .values({ name: input.name, public_key: newPublicKey(), ...values })
      .returningAll()
      .executeTakeFirstOrThrow();
    return formView(row);
  }

  async update(id: string, patch: Partial<FormInput>): Promise<FormView> {
    await this.row(id);
    const values = await this.columns(patch);
    const row = await this.db
      .updateTable('forms')
      .set({ ...values, ...(patch.name !== undefined && { name: patch.name }), updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return formView(row);
  }

  async remove(id: string): Promise<void> {
    await deleteById(this.db, 'forms', 'form', id);
  }

  /** The drop-in HTML for a page on `baseUrl`'s side of the internet to post this form. */
  async snippet(id: string, baseUrl: string): Promise<string> {
    const form = await this.row(id);
    return renderFormSnippet({
      formId: form.id,
      formName: form.name,
      endpointUrl: new URL(formEndpoint(form.public_key), baseUrl).toString(),
      honeypotField: form.honeypot_field,
      requiredFields: await this.requiredFields(form.workflow_id),
      redirectUrl: form.redirect_url,
    });
  }

  /** What the capture node of the workflow the form feeds requires; none known before it is published. */
  private async requiredFields(workflowId: string | null): Promise<string[]> {
    try {
      const workflow = workflowId ? await this.workflows.find(workflowId) : await this.workflows.findDefault();
      const { plan } = await this.workflows.latestPlan(workflow);
      return (plan.nodes[plan.entry]?.config as { requiredFields?: string[] } | undefined)?.requiredFields ?? [];
    } catch {
      return [];
    }
  }

  /** The active form a public key opens; undefined for an unknown or switched-off one. */
  async findActiveByKey(publicKey: string): Promise<FormRow | undefined> {
    return this.db
      .selectFrom('forms')
      .selectAll()
      .where('public_key', '=', publicKey)
      .where('active', '=', true)
      .executeTakeFirst();
  }

  private async columns(input: Partial<FormInput>) {
    if (input.honeypotField !== undefined && isLeadFieldName(input.honeypotField)) {
      throw Errors.invalidField([
        {
          path: 'honeypotField',
          message: `'${input.honeypotField}' is a lead field; name the trap something people never fill, e.g. website`,
        },
      ]);
    }
    return {
      ...(input.workflow !== undefined && { workflow_id: await workflowIdFor(this.workflows, input.workflow) }),
      // Browsers send the scheme and host in lower case.
      ...(input.allowedOrigins !== undefined && {
        allowed_origins: input.allowedOrigins.map((origin) => origin.toLowerCase()),
      }),
      ...(input.honeypotField !== undefined && { honeypot_field: input.honeypotField }),
      ...(input.rateLimitPerMinute !== undefined && { rate_limit_per_minute: input.rateLimitPerMinute }),
      ...(input.redirectUrl !== undefined && { redirect_url: input.redirectUrl }),
      ...(input.defaultCountry !== undefined && { default_country: input.defaultCountry }),
      ...(input.active !== undefined && { active: input.active }),
    };
  }
}

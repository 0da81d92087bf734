import type { LeadPatch } from '@leadflow/engine';
import { type Database, persistSteps } from '@leadflow/engine/db';
import type { StepRecord } from '@leadflow/engine/workflow';
import { buildApp, createAppServices } from '@leadflow/server';
import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { expect } from 'vitest';
import type { TestStack } from './test-stack.js';

/** A lead of the past whose every timing the test chooses; seconds are counted from its capture. */
export interface HistoricLead {
  key: string;
  capturedAt: string;
  firstSource: string | null;
  lastSource: string | null;
  team: string | null;
  /** Rep name → seconds after capture, in order. */
  assignments: Array<[rep: string, seconds: number]>;
  contactedAfter?: number;
  /** Lead patches a node made (a score's flags, a disqualification), seconds after capture: written by the real step-trail write. */
  steps?: Array<[seconds: number, nodeType: string, patch: LeadPatch]>;
  /** Events posted through the API with their occurredAt, seconds after capture. */
  events?: Array<[seconds: number, type: string, data?: Record<string, unknown>]>;
}

const plus = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** The step records a node would have written: one completed step per patch. */
export function stepsOf(lead: HistoricLead): StepRecord[] {
  return (lead.steps ?? []).map(([seconds, nodeType, patch], index) => ({
    seq: index + 2,
    nodeId: `${nodeType}-${index}`,
    nodeType,
    typeVersion: 1,
    visit: 1,
    status: 'completed',
    port: 'out',
    input: null,
    output: null,
    reason: null,
    error: null,
    attempts: 1,
    startedAt: plus(lead.capturedAt, seconds),
    endedAt: plus(lead.capturedAt, seconds),
    waiting: null,
    patch,
  }));
}

/**
 * Writes the leads as the product would have: the lead and its assignments as rows (their
 * timestamps are the point), stage-moving steps through `persistSteps`, events through the API.
 * Returns lead ids by key.
 */
export async function writeHistory(
  stack: TestStack,
  workflowId: string,
  reps: Record<string, string>,
  leads: readonly HistoricLead[],
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const lead of leads) {
    const email = `${lead.key.toLowerCase()}@history.test`;
    const touch = (source: string | null) =>
      JSON.stringify(source ? { source, channel: 'api', at: lead.capturedAt } : {});
    const last = lead.assignments[lead.assignments.length - 1];
    const row = await stack.db
      .insertInto('leads')
      .values({
        workflow_id: workflowId,
        workflow_version: 1,
        email,
        email_normalized: email,
        source: lead.firstSource,
        first_touch: touch(lead.firstSource),
        last_touch: touch(lead.lastSource),
        team_id: lead.team,
        owner_id: last ? reps[last[0]] : null,
        fields: '{}',
        custom: '{}',
        run_status: 'completed',
        workflow_started_at: new Date(lead.capturedAt),
        created_at: new Date(lead.capturedAt),
        updated_at: new Date(lead.capturedAt),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[lead.key] = row.id;
    for (const [visit, [rep, seconds]] of lead.assignments.entries()) {
      const teamId = (
        await stack.db
          .selectFrom('reps')
          .select('team_id')
          .where('id', '=', reps[rep] as string)
          .executeTakeFirstOrThrow()
      ).team_id;
      await stack.db
        .insertInto('assignments')
        .values({
          lead_id: row.id,
          node_id: 'assign',
          visit: visit + 1,
          rep_id: reps[rep] as string,
          team_id: teamId,
          strategy: 'round_robin',
          reason: 'history',
          candidates: '[]',
          created_at: new Date(plus(lead.capturedAt, seconds)),
        })
        .execute();
    }
    // Steps and events in the order they happened, as the product would have written them: an
    // outcome posted after the lead's disqualification step would be refused.
    let steps = stepsOf(lead);
    const written = async (upTo: string) => {
      const due = steps.filter((step) => (step.endedAt ?? '') <= upTo);
      steps = steps.filter((step) => !due.includes(step));
      if (due.length > 0)
        await persistSteps(stack.db, row.id, due, { status: 'completed', nodeId: null, waiting: null });
    };
    const events = [
      ...(lead.events ?? []),
      ...(lead.contactedAfter === undefined ? [] : [[lead.contactedAfter, 'contacted'] as [number, string]]),
    ];
    for (const [seconds, type, data] of events.sort((a, b) => a[0] - b[0])) {
      const occurredAt = plus(lead.capturedAt, seconds);
      await written(occurredAt);
      const posted = await stack.api('POST', `/api/leads/${row.id}/events`, {
        type,
        occurredAt,
        ...(data && { data }),
      });
      expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    }
    await written('9999');
  }
  return ids;
}

/** Adds `count` leads captured in 2020, each contacted, assigned and moved to MQL, so the planner sees tables worth indexing. */
export async function addOldLeads(stack: TestStack, workflowId: string, repId: string, count: number): Promise<void> {
  await sql`
    INSERT INTO leads (workflow_id, workflow_version, email, email_normalized, source, team_id, created_at, run_status)
    SELECT ${workflowId}, 1, 'old' || g || '@old.test', 'old' || g || '@old.test', (ARRAY['webinar', 'demo_request', 'referral', 'partner'])[1 + g % 4],
      (ARRAY['east', 'west'])[1 + g % 2], timestamptz '2020-01-01' + g * interval '7 minutes', 'completed'
    FROM generate_series(1, ${count}::int) g`.execute(stack.db);
  await sql`
    INSERT INTO lead_events (lead_id, seq, type, occurred_at)
    SELECT id, n, t, created_at + interval '4 minutes' FROM leads, unnest(ARRAY['contacted', 'page_visited', 'email_opened']) WITH ORDINALITY AS e(t, n) WHERE email LIKE 'old%'`.execute(
    stack.db,
  );
  await sql`
    INSERT INTO assignments (lead_id, node_id, visit, rep_id, team_id, strategy, reason, created_at)
    SELECT id, 'assign', 1, ${repId}, team_id, 'round_robin', 'old', created_at + interval '1 minute' FROM leads WHERE email LIKE 'old%'`.execute(
    stack.db,
  );
  await sql`
    INSERT INTO lead_stage_changes (lead_id, from_stage, to_stage, changed_at)
    SELECT id, 'new', 'mql', created_at + interval '1 hour' FROM leads WHERE email LIKE 'old%'`.execute(stack.db);
  await sql`ANALYZE leads, lead_events, assignments, lead_stage_changes`.execute(stack.db);
}

/** The SQL an endpoint runs: the app over a database handle that logs every query. */
export async function queriesRunBy(stack: TestStack, path: string): Promise<CompiledQuery[]> {
  const queries: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 4 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => void (event.level === 'query' && queries.push(event.query)),
  });
  const app = await buildApp(
    createAppServices({ db, temporal: stack.services.temporal, security: stack.security, taskQueue: stack.taskQueue }),
    { adminToken: stack.token },
  );
  try {
    const response = await app.inject({
      method: 'GET',
      url: path,
      headers: { authorization: `Bearer ${stack.token}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    return queries;
  } finally {
    await app.close();
    await db.destroy();
  }
}

/** The planner's plan for a query the app ran, with its parameters, as text. */
export async function planOf(stack: TestStack, query: CompiledQuery): Promise<string> {
  const { rows } = await stack.db.executeQuery<{ 'QUERY PLAN': string }>({ ...query, sql: `EXPLAIN ${query.sql}` });
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

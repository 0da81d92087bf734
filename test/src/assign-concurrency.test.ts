import { nodeRegistry } from '@leadflow/nodes';
import { nodeActivities } from '@leadflow/nodes/activities';
import type { PlanNode } from '@leadflow/engine';
import { createActivities } from '@leadflow/engine/worker';
import { leadContextFromRow } from '@leadflow/engine/db';
import type { NodeActivityInput } from '@leadflow/engine/workflow';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack, TEST_ACTOR } from './support/test-stack.js';
import { CredentialResolver } from '@leadflow/engine/credentials';

type Outcome = { port: string; output?: Record<string, unknown>; reason?: string };

const assignNode: PlanNode = {
  id: 'assign',
  type: 'assign',
  typeVersion: 1,
  kind: 'activity',
  config: { strategy: 'round_robin', team: 'pool' },
  next: { assigned: 'x', unassigned: 'y' },
};

describe('the assign activity against a real Postgres', () => {
  let stack: TestStack;
  let assign: (input: NodeActivityInput) => Promise<Outcome>;
  let workflowId: string;

  async function makeLeads(count: number, prefix: string): Promise<NodeActivityInput[]> {
    const rows = await stack.db
      .insertInto('leads')
      .values(
        Array.from({ length: count }, (_, i) => ({
          workflow_id: workflowId,
          workflow_version: 1,
          email: `${prefix}${i}@x.test`,
          email_normalized: `${prefix}${i}@x.test`,
          fields: '{}',
          custom: '{}',
          first_touch: '{}',
          last_touch: '{}',
        })),
      )
      .returningAll()
      .execute();
    return rows.map((row) => ({
      leadId: row.id,
      node: assignNode,
      visit: 1,
      seq: 1,
      lead: leadContextFromRow(row),
      pending: [],
    }));
  }

  const runAssign = (input: NodeActivityInput, attempt = 1): Promise<Outcome> =>
    new MockActivityEnvironment({ attempt }).run(assign, input);

  async function perRep(): Promise<Record<string, number>> {
    const rows = await stack.db
      .selectFrom('assignments')
      .innerJoin('reps', 'reps.id', 'assignments.rep_id')
      .select(['reps.name', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('reps.name')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.name, r.n]));
  }

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    await stack.services.teams.create({ id: 'pool', name: 'Pool' }, TEST_ACTOR);
    for (const name of ['R1', 'R2', 'R3', 'R4', 'R5'])
      await stack.services.reps.create({ name, email: `${name}@pool.test`, teamId: 'pool' }, TEST_ACTOR);
    const workflow = await stack.services.workflows.create({ name: 'assign test' }, TEST_ACTOR);
    workflowId = workflow.id;
    const activities = createActivities(nodeActivities, {
      db: stack.db,
      mail: { from: 'x@test' },
      http: { allowHosts: [] },
      credentials: new CredentialResolver(stack.db, stack.security.keyring),
    });
    assign = activities['node.assign.v1'] as typeof assign;
    expect(nodeRegistry.get('assign', 1)).toBeDefined();
  });
  afterAll(() => stack?.stop());

  it('gives 1,000 concurrent leads to 5 equal reps exactly 200 each', async () => {
    const inputs = await makeLeads(1000, 'burst');
    const outcomes = await Promise.all(inputs.map((input) => runAssign(input)));
    expect(outcomes.every((o) => o.port === 'assigned')).toBe(true);
    expect(await perRep()).toEqual({ R1: 200, R2: 200, R3: 200, R4: 200, R5: 200 });
  });

  it('assigns once when the activity is retried after its database write', async () => {
    const [input] = await makeLeads(1, 'retry');
    const first = await runAssign(input as NodeActivityInput);
    const retry = await runAssign(input as NodeActivityInput, 2);
    expect(retry.output).toMatchObject({ repId: first.output?.repId, replayed: true });
    const rows = await stack.db
      .selectFrom('assignments')
      .select('rep_id')
      .where('lead_id', '=', (input as NodeActivityInput).leadId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('gives an inactive rep nothing and says why it was skipped', async () => {
    const before = await perRep();
    const r3 = (await stack.services.reps.list({ team: 'pool' })).find((rep) => rep.name === 'R3');
    await stack.services.reps.update(r3?.id as string, { active: false }, TEST_ACTOR);
    const outcomes = await Promise.all((await makeLeads(40, 'ooo')).map((input) => runAssign(input)));
    const after = await perRep();
    expect(after.R3).toBe(before.R3);
    expect(Object.values(after).reduce((a, b) => a + b, 0) - Object.values(before).reduce((a, b) => a + b, 0)).toBe(40);
    expect(outcomes.some((o) => o.reason?.includes('R3 skipped (inactive)'))).toBe(true);
  });

  it('leaves the lead unassigned, never dropped, when nobody is available', async () => {
    for (const rep of await stack.services.reps.list({ team: 'pool' }))
      await stack.services.reps.update(rep.id, { active: false }, TEST_ACTOR);
    const [input] = await makeLeads(1, 'nobody');
    const outcome = await runAssign(input as NodeActivityInput);
    expect(outcome.port).toBe('unassigned');
    expect(outcome.reason).toMatch(/nobody available/);
  });
});

import type { PlanNode } from '@leadflow/engine';
import { leadContextFromRow } from '@leadflow/engine/db';
import { createActivities } from '@leadflow/engine/worker';
import type { NodeActivityInput } from '@leadflow/engine/workflow';
import { nodeActivities } from '@leadflow/nodes/activities';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack, TEST_ACTOR } from './support/test-stack.js';
import { CredentialResolver } from '@leadflow/engine/credentials';

type Outcome = { port: string; output?: Record<string, unknown>; reason?: string };

describe('assign v2 strategies against a real Postgres', () => {
  let stack: TestStack;
  let assign: (input: NodeActivityInput) => Promise<Outcome>;
  let workflowId: string;
  let seq = 0;

  const node = (config: Record<string, unknown>): PlanNode => ({
    id: `assign-${++seq}`,
    type: 'assign',
    typeVersion: 2,
    kind: 'activity',
    config: {
      source: 'team',
      strategy: 'round_robin',
      requireSkills: [],
      requireLanguages: [],
      respectWorkingHours: true,
      respectCapacity: true,
      ...config,
    },
    next: {},
  });

  async function leads(count: number, fields: Record<string, unknown> = {}): Promise<NodeActivityInput[]> {
    const prefix = `l${++seq}-`;
    const rows = await stack.db
      .insertInto('leads')
      .values(
        Array.from({ length: count }, (_, i) => ({
          workflow_id: workflowId,
          workflow_version: 1,
          email: `${prefix}${i}@x.test`,
          email_normalized: `${prefix}${i}@x.test`,
          fields: JSON.stringify(fields),
          custom: '{}',
          first_touch: '{}',
          last_touch: '{}',
          ...(fields.country ? { country: fields.country as string } : {}),
        })),
      )
      .returningAll()
      .execute();
    return rows.map((row) => ({
      leadId: row.id,
      node: node({}),
      visit: 1,
      seq: 1,
      lead: leadContextFromRow(row),
      pending: [],
    }));
  }

  const run = (inputs: NodeActivityInput[], config: Record<string, unknown>): Promise<Outcome[]> => {
    const shared = node(config);
    return Promise.all(
      inputs.map((input) => new MockActivityEnvironment().run(assign, { ...input, node: shared }) as Promise<Outcome>),
    );
  };

  async function countBy(nodeId: string): Promise<Record<string, number>> {
    const rows = await stack.db
      .selectFrom('assignments')
      .innerJoin('reps', 'reps.id', 'assignments.rep_id')
      .select(['reps.name', (eb) => eb.fn.countAll<number>().as('n')])
      .where('node_id', '=', nodeId)
      .groupBy('reps.name')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.name, r.n]));
  }

  async function team(id: string, reps: Array<Record<string, unknown>>): Promise<string[]> {
    expect((await stack.api('POST', '/api/teams', { id, name: id })).status).toBe(201);
    const ids: string[] = [];
    for (const rep of reps) {
      const created = await stack.api('POST', '/api/reps', {
        teamId: id,
        email: `${String(rep.name).toLowerCase()}@${id}.test`,
        ...rep,
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    return ids;
  }

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    workflowId = (await stack.services.workflows.create({ name: 'assign v2' }, TEST_ACTOR)).id;
    assign = createActivities(nodeActivities, {
      db: stack.db,
      mail: { from: 'x@test' },
      http: { allowHosts: [] },
      credentials: new CredentialResolver(stack.db, stack.security.keyring),
    })['node.assign.v2'] as typeof assign;
  });
  afterAll(() => stack?.stop());

  it('gives weights 3:1 exactly 750/250 of 1,000 concurrent leads', async () => {
    await team('weighted', [
      { name: 'Heavy', weight: 3 },
      { name: 'Light', weight: 1 },
    ]);
    const outcomes = await run(await leads(1000), { team: 'weighted', strategy: 'weighted_round_robin' });
    expect(outcomes.every((o) => o.port === 'assigned')).toBe(true);
    expect(await countBy(`assign-${seq}`)).toEqual({ Heavy: 750, Light: 250 });
  });

  it('gives a rep who is out of office nothing, and says so', async () => {
    const now = Date.now();
    await team('ooo', [
      {
        name: 'Away',
        outOfOffice: [
          {
            from: new Date(now - 86_400_000).toISOString(),
            until: new Date(now + 86_400_000).toISOString(),
            note: 'vacation',
          },
        ],
      },
      { name: 'Here1' },
      { name: 'Here2' },
    ]);
    const outcomes = await run(await leads(100), { team: 'ooo' });
    expect(await countBy(`assign-${seq}`)).toEqual({ Here1: 50, Here2: 50 });
    expect(outcomes[0]?.reason).toMatch(/Away skipped \(out of office until \d{4}-\d\d-\d\d \(vacation\)\)/);
  });

  it('routes by territory, falling back to the team when no territory matches', async () => {
    await team('emea', [{ name: 'Elena' }]);
    await team('rest', [{ name: 'Rob' }]);
    expect(
      (
        await stack.api('POST', '/api/territories', {
          id: 'emea',
          name: 'EMEA',
          rules: { countries: ['DE', 'FR'] },
          teamId: 'emea',
        })
      ).status,
    ).toBe(201);
    const [german] = await run(await leads(1, { country: 'DE' }), { source: 'territory', team: 'rest' });
    expect(german?.output?.repName).toBe('Elena');
    expect(german?.reason).toBe('territory EMEA (country DE): Elena chosen by round robin');
    const [brazilian] = await run(await leads(1, { country: 'BR' }), { source: 'territory', team: 'rest' });
    expect(brazilian?.output?.repName).toBe('Rob');
    expect(brazilian?.reason).toMatch(/^no territory matched \(1 checked\); fallback team rest: Rob chosen/);
  });

  it('gives the account owner the lead while available, else the team', async () => {
    const [owner, other] = await team('accounts', [{ name: 'Owner' }, { name: 'Other' }]);
    const [input] = await leads(1, { accountOwnerId: owner });
    const [first] = await run([input as NodeActivityInput], { source: 'account_owner', team: 'accounts' });
    expect(first?.output?.repName).toBe('Owner');
    await stack.api('PATCH', `/api/reps/${owner}`, { active: false });
    const [second] = await run(await leads(1, { accountOwnerId: owner }), {
      source: 'account_owner',
      team: 'accounts',
    });
    expect(second?.output?.repId).toBe(other);
    expect(second?.reason).toMatch(/Owner skipped \(inactive\)/);
  });

  it('spreads by open load and stops at capacity, then leaves the lead unassigned', async () => {
    await team('capacity', [
      { name: 'Cap1', capacity: 2 },
      { name: 'Cap2', capacity: 2 },
    ]);
    const outcomes = await run(await leads(5), { team: 'capacity', strategy: 'least_loaded' });
    expect(outcomes.filter((o) => o.port === 'assigned')).toHaveLength(4);
    expect(await countBy(`assign-${seq}`)).toEqual({ Cap1: 2, Cap2: 2 });
    const unassigned = outcomes.find((o) => o.port === 'unassigned');
    expect(unassigned?.reason).toMatch(
      /^nobody available: nobody available in team capacity; Cap1 skipped \(at capacity 2\/2\); Cap2 skipped \(at capacity 2\/2\)$/,
    );
  });

  it('matches specialisation by skill', async () => {
    await team('skills', [{ name: 'Generalist' }, { name: 'Specialist', skills: ['enterprise'] }]);
    const outcomes = await run(await leads(3), { team: 'skills', requireSkills: ['enterprise'] });
    expect(new Set(outcomes.map((o) => o.output?.repName))).toEqual(new Set(['Specialist']));
  });
});

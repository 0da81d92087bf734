import type { GraphDocument, Plan } from '@leadflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

const at = (x: number, y = 0) => ({ x: x * 240, y });

/** capture → route (hot when the source says so) → a wait for contact (`timeout`, or none) → contacted / escalated. */
function slaGraph(timeout: string | null, waitId = 'await'): GraphDocument {
  return {
    name: 'SLA',
    nodes: [
      {
        id: 'capture',
        type: 'capture',
        typeVersion: 1,
        position: at(0),
        config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
      },
      {
        id: 'route',
        type: 'branch',
        typeVersion: 1,
        position: at(1),
        config: { cases: [{ port: 'hot', label: 'Hot', when: 'source == "demo_request"' }] },
      },
      {
        id: waitId,
        type: 'wait',
        typeVersion: 1,
        position: at(2),
        config: { mode: 'event', events: ['contacted'], ...(timeout && { timeout }) },
      },
      {
        id: 'done',
        type: 'end',
        typeVersion: 1,
        position: at(3),
        config: { outcome: 'contacted', status: 'contacted' },
      },
      { id: 'cold', type: 'end', typeVersion: 1, position: at(2, 160), config: { outcome: 'cold' } },
      ...(timeout
        ? [
            {
              id: 'escalated',
              type: 'end',
              typeVersion: 1,
              position: at(3, 160),
              config: { outcome: 'SLA missed', status: 'escalated' },
            },
          ]
        : []),
    ],
    edges: [
      { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'route' },
      { id: 'e2', source: 'route', sourceHandle: 'hot', target: waitId },
      { id: 'e3', source: 'route', sourceHandle: 'default', target: 'cold' },
      { id: 'e4', source: waitId, sourceHandle: 'event', target: 'done' },
      ...(timeout ? [{ id: 'e5', source: waitId, sourceHandle: 'timeout', target: 'escalated' }] : []),
    ],
  } as GraphDocument;
}

describe('migrating waiting leads to a newer version', () => {
  let stack: TestStack;
  const lead = async (id: string) => (await stack.api('GET', `/api/leads/${id}`)).body;
  const history = async (id: string) => (await stack.api('GET', `/api/leads/${id}/history`)).body;
  const waitingAt = (id: string, nodeId: string) =>
    eventually(
      async () =>
        ((current) => current.run.status === 'waiting' && current.run.nodeId === nodeId && current)(await lead(id)),
      `lead ${id} to wait at ${nodeId}`,
    );
  const parked = (id: string) =>
    eventually(
      async () => ((current) => current.run.status === 'error' && current)(await lead(id)),
      `lead ${id} to park`,
    );
  const ended = (id: string) =>
    eventually(
      async () => ((current) => current.run.status === 'completed' && current)(await lead(id)),
      `lead ${id} to end`,
    );
  const capture = async (email: string) =>
    (await stack.api('POST', '/api/leads', { workflow: 'sla', email, source: 'demo_request' })).body.lead.id as string;
  const publish = async (draft: GraphDocument) => {
    expect((await stack.api('PUT', '/api/workflows/sla/draft', draft)).status).toBe(200);
    const published = await stack.api('POST', '/api/workflows/sla/publish', { note: 'next' });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    return published.body.version as number;
  };
  const migrate = (body: Record<string, unknown>) => stack.api('POST', '/api/workflows/sla/migrations', body);

  beforeAll(async () => {
    stack = await startTestStack();
    expect(
      (await stack.api('POST', '/api/workflows', { name: 'SLA', slug: 'sla', draft: slaGraph(null) })).status,
    ).toBe(201);
    expect((await stack.api('POST', '/api/workflows/sla/publish', { note: 'v1: no SLA' })).body.version).toBe(1);
  });
  afterAll(() => stack?.stop());

  it('reports in a dry run who would move where, then moves them: the fixed SLA counts from when each wait began', async () => {
    const leads = await Promise.all(['a', 'b', 'c'].map((name) => capture(`${name}@migrate.test`)));
    for (const id of leads) await waitingAt(id, 'await');
    const v2 = await publish(slaGraph('2s'));

    const dry = await migrate({ fromVersion: 1, toVersion: v2, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, blocked: [], byNode: [{ from: 'await', to: 'await', leads: 3 }] });
    expect(dry.body.moves.map((move: { leadId: string }) => move.leadId).sort()).toEqual([...leads].sort());
    // A dry run moves nobody.
    expect((await lead(leads[0] as string)).workflowVersion).toBe(1);

    const run = await migrate({ fromVersion: 1, toVersion: v2 });
    expect(run.body).toMatchObject({ dryRun: false, blocked: [] });
    expect(run.body.moves).toHaveLength(3);
    for (const id of leads) {
      const done = await ended(id);
      expect(done).toMatchObject({ status: 'escalated', workflowVersion: v2 });
      const steps = (await history(id)).steps as Array<{ nodeId: string; reason: string | null; status: string }>;
      expect(steps.map((step) => step.nodeId)).toEqual(['capture', 'route', 'await', 'await', 'await', 'escalated']);
      expect(steps.find((step) => step.reason?.startsWith('migrated by'))?.reason).toBe(
        `migrated by admin from version 1, node 'await', to version ${v2}, node 'await'`,
      );
    }
    const audit = (await stack.api('GET', '/api/audit?action=lead.migrated')).body.entries;
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({
      subjectType: 'lead',
      detail: { fromVersion: 1, toVersion: v2, fromNode: 'await', toNode: 'await' },
    });
  });

  it('maps renamed nodes, and says which leads cannot move and why', async () => {
    const v3 = await publish(slaGraph(null));
    const waiting = await capture('d@migrate.test');
    await waitingAt(waiting, 'await');
    const v4 = await publish(slaGraph('1h', 'await-contact'));
    const unmapped = await migrate({ fromVersion: v3, toVersion: v4, dryRun: true });
    expect(unmapped.body).toMatchObject({
      moves: [],
      blocked: [
        { leadId: waiting, nodeId: 'await', reason: expect.stringContaining("the new version has no node 'await'") },
      ],
    });
    const toBranch = await migrate({ fromVersion: v3, toVersion: v4, nodeMap: { await: 'route' }, dryRun: true });
    expect(toBranch.body.blocked[0].reason).toContain("node 'route' of the new version is a branch, not a wait");
    const mapped = await migrate({ fromVersion: v3, toVersion: v4, nodeMap: { await: 'await-contact' } });
    expect(mapped.body).toMatchObject({
      moves: [{ leadId: waiting, from: 'await', to: 'await-contact' }],
      blocked: [],
    });
    await waitingAt(waiting, 'await-contact');
    expect((await lead(waiting)).workflowVersion).toBe(v4);
    await stack.api('POST', `/api/leads/${waiting}/events`, { type: 'contacted' });
    expect(await ended(waiting)).toMatchObject({ status: 'contacted' });
  });

  it('refuses a version the workflow lacks as bad input naming the field, and keeps 404 for an unknown workflow', async () => {
    const refused = await migrate({ fromVersion: 909, toVersion: 910, dryRun: true });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((error: { path: string }) => error.path)).toEqual(['fromVersion', 'toVersion']);
    expect(refused.body.errors[0].message).toMatch(
      /^workflow “SLA” has no version 909 \(its versions are 1(, \d+)*\)$/,
    );
    const unknown = await stack.api('POST', '/api/workflows/no-such-workflow/migrations', {
      fromVersion: 1,
      toVersion: 2,
      dryRun: true,
    });
    expect(unknown.status).toBe(404);
  });

  it('delivers an event posted during the migration exactly once, to whichever run is waiting', async () => {
    const v5 = await publish(slaGraph(null));
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => capture(`race${i}@migrate.test`)));
    for (const id of ids) await waitingAt(id, 'await');
    const v6 = await publish(slaGraph('1h'));
    const [report] = await Promise.all([
      migrate({ fromVersion: v5, toVersion: v6 }),
      ...ids.map((id) => stack.api('POST', `/api/leads/${id}/events`, { type: 'contacted' })),
    ]);
    expect(report.status).toBe(200);
    expect(report.body.moves.length + report.body.blocked.length).toBe(ids.length);
    for (const id of ids) {
      expect(await ended(id)).toMatchObject({ status: 'contacted' });
      const steps = (await history(id)).steps as Array<{ nodeId: string }>;
      // The contact ended exactly one wait, and the lead reached its end once.
      expect(steps.filter((step) => step.nodeId === 'done')).toHaveLength(1);
      const row = await stack.db
        .selectFrom('leads')
        .select(['event_seq', 'delivered_seq'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ event_seq: 1, delivered_seq: 1 });
    }
  });

  it('parks a lead when sandbox code throws, shows why, keeps it parked on retry, and lets a migration to a fixed version free it', async () => {
    // A plan that names a port it does not wire, as a bug in the interpreter or a node might:
    // the route's `hot` port leads nowhere.
    const good = await publish(slaGraph('3h'));
    const version = (await stack.api('GET', `/api/workflows/sla/versions/${good}`)).body;
    const broken: Plan = {
      ...version.plan,
      nodes: { ...version.plan.nodes, route: { ...version.plan.nodes.route, next: { default: 'cold' } } },
    };
    const workflowId = (await stack.api('GET', '/api/workflows/sla')).body.id as string;
    await stack.db
      .insertInto('workflow_versions')
      .values({
        workflow_id: workflowId,
        version: good + 1,
        document: JSON.stringify(version.document),
        plan: JSON.stringify(broken),
        hash: 'broken',
        note: 'broken',
        author: 'test',
      })
      .execute();

    const id = await capture('broken@migrate.test');
    const stuck = await parked(id);
    expect(stuck.run.nodeId).toBe('route');
    const failed = () =>
      history(id).then((h) =>
        (h.steps as Array<{ nodeId: string; status: string; error: string | null }>).filter(
          (step) => step.status === 'failed',
        ),
      );
    expect((await failed())[0]).toMatchObject({
      nodeId: 'route',
      error: "node 'route' left by port 'hot', which the plan does not wire",
    });

    await stack.api('POST', `/api/leads/${id}/events`, { type: 'retry' });
    await eventually(async () => (await failed()).length === 2 && true, 'the retry to fail again and park');
    expect((await parked(id)).run.nodeId).toBe('route');

    const fixed = await publish(slaGraph('1h'));
    const freed = await migrate({ fromVersion: good + 1, toVersion: fixed });
    expect(freed.body).toMatchObject({ moves: [{ leadId: id, from: 'route', to: 'route' }], blocked: [] });
    await waitingAt(id, 'await');
    expect((await lead(id)).workflowVersion).toBe(fixed);
  });
});

import { seedExample } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hotLead, startTestStack, type TestStack } from './support/test-stack.js';

/** What the designer needs beyond the walking skeleton: test runs, workflow management, node descriptions and live lead changes. */
describe('designer API on the real stack', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
    await seedExample(stack.services);
  });
  afterAll(async () => stack?.stop());

  const count = async (table: 'leads' | 'assignments' | 'notifications' | 'steps'): Promise<number> =>
    Number(
      (
        await stack.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('test-runs a sample lead through the draft: says whom assign would pick and what notify would send, and keeps nothing', async () => {
    const before = {
      leads: await count('leads'),
      assignments: await count('assignments'),
      notifications: await count('notifications'),
    };
    const run = await stack.api('POST', '/api/workflows/inbound/test-run', {
      lead: hotLead(1),
      events: [{ type: 'contacted', afterMs: 60_000 }],
    });
    expect(run.status).toBe(200);
    expect(run.body.outcome).toBe('completed');
    const path = run.body.steps.map((step: any) => step.nodeId);
    expect(path).toEqual([
      'capture',
      'enrich',
      'score',
      'route',
      'assign',
      'alert-owner',
      'await-contact',
      'rep-outcome',
      'contacted',
    ]);
    const assign = run.body.steps.find((step: any) => step.nodeId === 'assign');
    expect(assign.port).toBe('assigned');
    expect(assign.reason).toMatch(/round robin/i);
    expect(run.body.lead.ownerId).toEqual(expect.any(String));
    const notify = run.body.steps.find((step: any) => step.nodeId === 'alert-owner');
    expect(notify.output.deliveries.every((d: any) => d.status === 'would send')).toBe(true);
    expect(notify.output.subject).toContain('Buyer 1');
    const wait = run.body.steps.find((step: any) => step.nodeId === 'await-contact');
    expect(wait.waited).toMatchObject({ endedBy: 'contacted', simulatedMs: 60_000 });

    expect({
      leads: await count('leads'),
      assignments: await count('assignments'),
      notifications: await count('notifications'),
    }).toEqual(before);

    // Round robin did not advance: the first real lead goes to the rep the test run named.
    const captured = await stack.api('POST', '/api/leads', hotLead(2));
    expect(captured.status).toBe(201);
    const owner = await eventually(
      async () => (await stack.api('GET', `/api/leads/${captured.body.lead.id}`)).body.ownerId ?? undefined,
      'the real lead to be assigned',
    );
    expect(owner).toBe(run.body.lead.ownerId);
  });

  it('stops at a wait nothing in the script ends, and times out waits that have a timeout', async () => {
    const timedOut = await stack.api('POST', '/api/workflows/inbound/test-run', { lead: hotLead(3) });
    expect(timedOut.body.outcome).toBe('completed');
    expect(timedOut.body.steps.at(-1).nodeId).toBe('escalated');
    expect(timedOut.body.steps.find((step: any) => step.nodeId === 'await-contact').waited).toMatchObject({
      endedBy: 'timeout',
      simulatedMs: 300_000,
    });

    const draft = (await stack.api('GET', '/api/workflows/inbound')).body.draft;
    const wait = draft.nodes.find((node: any) => node.id === 'await-contact');
    // Without a timeout the wait has no timeout port: drop the escalation branch it led to.
    wait.config = { mode: 'event', events: ['contacted'] };
    draft.nodes = draft.nodes.filter((node: any) => !['escalate', 'escalated'].includes(node.id));
    draft.edges = draft.edges.filter(
      (edge: any) =>
        ![edge.source, edge.target].some((id: string) => ['escalate', 'escalated'].includes(id)) &&
        edge.sourceHandle !== 'timeout',
    );
    const stopped = await stack.api('POST', '/api/workflows/inbound/test-run', { document: draft, lead: hotLead(4) });
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    expect(stopped.body.outcome).toBe('waiting');
    expect(stopped.body.stoppedAt).toMatchObject({ nodeId: 'await-contact' });
    expect(stopped.body.stoppedAt.reason).toContain('contacted');
  });

  it('refuses a sample lead or graph it cannot run, naming the field or node', async () => {
    const badLead = await stack.api('POST', '/api/workflows/inbound/test-run', {
      lead: { ...hotLead(5), email: 'not-an-email' },
    });
    expect(badLead.status).toBe(422);
    expect(badLead.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'lead.email' })]));

    const draft = (await stack.api('GET', '/api/workflows/inbound')).body.draft;
    draft.nodes.find((node: any) => node.id === 'assign').config = { strategy: 'round_robin' };
    const badGraph = await stack.api('POST', '/api/workflows/inbound/test-run', { document: draft, lead: hotLead(5) });
    expect(badGraph.status).toBe(422);
    expect(badGraph.body.message).toContain('cannot be run');
    expect(badGraph.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ nodeId: 'assign', path: 'config.team' })]),
    );
  });

  it('describes each node for the canvas: ports for its config and a summary line', async () => {
    const draft = (await stack.api('GET', '/api/workflows/inbound')).body.draft;
    const route = draft.nodes.find((node: any) => node.id === 'route');
    const validated = await stack.api('POST', '/api/workflows/inbound/validate', draft);
    expect(validated.body.ok).toBe(true);
    const portNames = validated.body.nodes.route.ports.map((port: any) => port.name);
    expect(portNames).toEqual([...route.config.cases.map((c: any) => c.port), 'default']);
    expect(validated.body.nodes.assign.summary).toMatch(/round robin/i);
  });

  it('renames, duplicates and archives workflows; an archived one takes no edits and the default cannot be archived', async () => {
    const created = await stack.api('POST', '/api/workflows', { name: 'Partner leads' });
    expect(created.status).toBe(201);
    const renamed = await stack.api('PATCH', `/api/workflows/${created.body.id}`, { name: 'Partner referrals' });
    expect(renamed.body).toMatchObject({ name: 'Partner referrals', slug: 'partner-leads' });
    expect(renamed.body.draft.name).toBe('Partner referrals');

    const copy = await stack.api('POST', '/api/workflows/inbound/duplicate', { name: 'Inbound (copy)' });
    expect(copy.status).toBe(201);
    expect(copy.body.publishedVersion).toBeNull();
    expect(copy.body.draft.nodes.length).toBe(
      (await stack.api('GET', '/api/workflows/inbound')).body.draft.nodes.length,
    );
    const again = await stack.api('POST', '/api/workflows/inbound/duplicate', { name: 'Inbound (copy)' });
    expect(again.body.slug).toBe(`${copy.body.slug}-2`);

    const archived = await stack.api('POST', `/api/workflows/${created.body.id}/archive`);
    expect(archived.body.archived).toBe(true);
    const edit = await stack.api('PUT', `/api/workflows/${created.body.id}/draft`, created.body.draft);
    expect(edit.status).toBe(409);
    expect((await stack.api('POST', `/api/workflows/${created.body.id}/unarchive`)).body.archived).toBe(false);

    const defaultArchive = await stack.api('POST', '/api/workflows/inbound/archive');
    expect(defaultArchive.status).toBe(409);
    expect(defaultArchive.body.errors[0].path).toBe('archived');
  });

  it('streams lead changes from the worker as they happen', async () => {
    const controller = new AbortController();
    const response = await fetch(`${stack.baseUrl}/api/leads/stream`, {
      headers: { authorization: `Bearer ${stack.token}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    })();
    await eventually(async () => text.includes('event: ready'), 'the ready event');
    const captured = await stack.api('POST', '/api/leads', hotLead(10));
    const id: string = captured.body.lead.id;
    // The insert, then each step write the worker makes, are announced with the lead's id.
    await eventually(
      async () => text.split(id).length - 1 >= 3 || undefined,
      'three announcements of the new lead',
      30_000,
    );
    controller.abort();
    await pump;
  });
});

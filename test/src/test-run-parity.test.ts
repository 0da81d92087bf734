import { seedExample } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hotLead, startTestStack, type TestStack } from './support/test-stack.js';

/**
 * Test runs execute the interpreter real runs do (the lead workflow, on Temporal's time-skipping
 * test server, with dry-run activities). Here each seeded and template graph runs a sample lead
 * both ways — a real run on the dev server with its worker, and a test run — with the same events,
 * and the two step trails must agree step by step: node, port, visit, in order. A real run cannot
 * skip time, so where it waits with no scripted event left it stops, and the test run (which skips
 * to the timeout) must agree up to that wait.
 */
interface Scenario {
  graph: string;
  lead: Record<string, unknown>;
  events: Array<{ type: string }>;
}

interface Step {
  nodeId: string;
  port: string | null;
  visit: number;
}

const coldLead = (i: number): Record<string, unknown> => ({
  email: `someone${i}@gmail.com`,
  name: `Someone ${i}`,
  source: 'newsletter',
  country: 'US',
});

describe('test runs agree with real runs', () => {
  let stack: TestStack;
  const slugOf = new Map<string, string>();

  beforeAll(async () => {
    stack = await startTestStack();
    await seedExample(stack.services);
    slugOf.set('seed:inbound', 'inbound');
    slugOf.set('seed:sla-escalation', 'sla-escalation');
    const templates = (await stack.api('GET', '/api/workflow-templates')).body.templates as Array<{
      id: string;
      name: string;
    }>;
    expect(templates.length).toBeGreaterThan(0);
    for (const template of templates) {
      const created = await stack.api('POST', '/api/workflows', {
        name: `Parity ${template.name}`,
        template: template.id,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const published = await stack.api('POST', `/api/workflows/${created.body.id}/publish`, { note: 'parity test' });
      expect(published.status, JSON.stringify(published.body)).toBe(201);
      slugOf.set(`template:${template.id}`, created.body.slug);
    }
  });
  afterAll(async () => stack?.stop());

  /** A real lead through the published graph; each scripted event is posted once the lead waits for it. */
  const realRun = async (
    slug: string,
    lead: Record<string, unknown>,
    events: Scenario['events'],
  ): Promise<Array<Step & { status: string }>> => {
    const captured = await stack.api('POST', '/api/leads', { ...lead, workflow: slug });
    expect(captured.status, JSON.stringify(captured.body)).toBe(201);
    const id: string = captured.body.lead.id;
    const script = [...events];
    const trail = async () =>
      (
        await stack.db
          .selectFrom('steps')
          .select(['seq', 'node_id as nodeId', 'port', 'visit', 'status'])
          .where('lead_id', '=', id)
          .orderBy('seq')
          .execute()
      ).map(({ seq: _seq, ...step }) => step);
    for (;;) {
      const run = await eventually(async () => {
        const row = await stack.db
          .selectFrom('leads')
          .select(['run_status', 'waiting', 'current_node_id'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        return row.run_status === 'completed' ||
          row.run_status === 'error' ||
          (row.run_status === 'waiting' && row.waiting)
          ? row
          : undefined;
      }, `lead ${id} to finish or wait`);
      if (run.run_status !== 'waiting') return trail();
      const waiting = (typeof run.waiting === 'string' ? JSON.parse(run.waiting) : run.waiting) as {
        events: string[];
        since: string;
      };
      const next = script[0];
      if (!next || !waiting.events.includes(next.type)) return trail();
      script.shift();
      const posted = await stack.api('POST', `/api/leads/${id}/events`, { type: next.type });
      expect(posted.status, JSON.stringify(posted.body)).toBeLessThan(300);
      // The wait is over once the lead is no longer waiting where and since when it was.
      await eventually(async () => {
        const row = await stack.db
          .selectFrom('leads')
          .select(['run_status', 'waiting'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const now = row.waiting
          ? ((typeof row.waiting === 'string' ? JSON.parse(row.waiting) : row.waiting) as { since: string })
          : null;
        return row.run_status !== 'waiting' || now?.since !== waiting.since || undefined;
      }, `lead ${id} to leave its wait`);
    }
  };

  const scenarios: Array<[string, Scenario]> = [
    [
      'the seeded inbound graph, contacted in time',
      { graph: 'seed:inbound', lead: hotLead(101), events: [{ type: 'contacted' }] },
    ],
    [
      'the seeded inbound graph, nobody calls (the test run times out, the real lead waits)',
      { graph: 'seed:inbound', lead: hotLead(102), events: [] },
    ],
    [
      'the seeded SLA graph, contacted in time',
      { graph: 'seed:sla-escalation', lead: hotLead(103), events: [{ type: 'contacted' }] },
    ],
    [
      'template inbound-demo-sla, contacted',
      { graph: 'template:inbound-demo-sla', lead: hotLead(104), events: [{ type: 'contacted' }] },
    ],
    [
      'template inbound-demo-sla, not contacted',
      { graph: 'template:inbound-demo-sla', lead: hotLead(105), events: [] },
    ],
    ['template territory-routing', { graph: 'template:territory-routing', lead: hotLead(106), events: [] }],
    [
      'template nurture-recycle, a lead nurtured, back on a demo request',
      { graph: 'template:nurture-recycle', lead: hotLead(107), events: [{ type: 'demo_requested' }] },
    ],
    [
      'template nurture-recycle, a cold lead re-engaged by a visit',
      { graph: 'template:nurture-recycle', lead: coldLead(108), events: [{ type: 'page_visited' }] },
    ],
    [
      'template event-follow-up, a reply on day 1',
      { graph: 'template:event-follow-up', lead: hotLead(109), events: [{ type: 'replied' }] },
    ],
    ['template event-follow-up, no reply', { graph: 'template:event-follow-up', lead: hotLead(110), events: [] }],
  ];

  it('covers the seeded graphs and every template', async () => {
    const graphs = new Set(scenarios.map(([, scenario]) => scenario.graph));
    expect([...slugOf.keys()].filter((graph) => !graphs.has(graph))).toEqual([]);
  });

  it.each(scenarios)('%s: the same steps', async (_name, scenario) => {
    const slug = slugOf.get(scenario.graph);
    expect(slug, scenario.graph).toBeDefined();
    const real = await realRun(slug!, scenario.lead, scenario.events);
    const tested = await stack.api('POST', `/api/workflows/${slug}/test-run`, {
      lead: scenario.lead,
      events: scenario.events.map((event) => ({ ...event, afterMs: 0 })),
    });
    expect(tested.status, JSON.stringify(tested.body)).toBe(200);
    const testSteps = (tested.body.steps as Step[]).map(({ nodeId, port, visit }) => ({ nodeId, port, visit }));
    expect(real.length).toBeGreaterThan(0);
    const last = real.at(-1)!;
    const trails = `real: ${JSON.stringify(real)}\ntest run (${tested.body.outcome}): ${JSON.stringify(testSteps)}`;
    if (last.status === 'waiting') {
      // The real lead waits here (no event left in the script): agree up to this wait.
      expect(testSteps.length, trails).toBeGreaterThanOrEqual(real.length);
      expect(testSteps.slice(0, real.length - 1), trails).toEqual(
        real.slice(0, -1).map(({ nodeId, port, visit }) => ({ nodeId, port, visit })),
      );
      expect(testSteps[real.length - 1], trails).toMatchObject({ nodeId: last.nodeId, visit: last.visit });
    } else {
      expect(tested.body.outcome, trails).toBe('completed');
      expect(testSteps, trails).toEqual(real.map(({ nodeId, port, visit }) => ({ nodeId, port, visit })));
    }
  });

  it('prints how long a test run of the seeded graph takes', async () => {
    const run = async (): Promise<number> => {
      const started = performance.now();
      const result = await stack.api('POST', '/api/workflows/inbound/test-run', {
        lead: hotLead(120),
        events: [{ type: 'contacted', afterMs: 60_000 }],
      });
      expect(result.body.outcome).toBe('completed');
      return performance.now() - started;
    };
    const shown = (times: number[]): string => times.map((ms) => `${ms.toFixed(0)} ms`).join(', ');
    const backToBack: number[] = [];
    for (let i = 0; i < 5; i++) backToBack.push(await run());
    // A designer clicks "Run" seconds apart: by then the server a run's time skipping replaced has been started again.
    const spaced: number[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      spaced.push(await run());
    }
    console.log(`test run of the seeded graph: back to back ${shown(backToBack)}; 2 s apart ${shown(spaced)}`);
  }, 60_000);
});

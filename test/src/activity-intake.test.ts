import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRoutedWorkflow } from './support/intake-fixtures.js';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

describe('intent activity by lead id or email', () => {
  let stack: TestStack;
  let leadId: string;
  const lead = async () => (await stack.api('GET', `/api/leads/${leadId}`)).body;

  beforeAll(async () => {
    stack = await startTestStack();
    await publishRoutedWorkflow(stack, 'routed', 'sales', ['Ann'], true);
    leadId = (await stack.api('POST', '/api/leads', { email: 'Visitor@Buyer.io' })).body.lead.id;
    await eventually(async () => (await lead()).run.nodeId === 'await-demo', 'the lead to wait for a demo request');
  });
  afterAll(() => stack?.stop());

  it('names what a bad event lacks, and the email no lead has', async () => {
    const noUrl = await stack.api('POST', '/api/activity', { email: 'visitor@buyer.io', type: 'page_visited' });
    expect(noUrl).toMatchObject({
      status: 422,
      body: { errors: [{ path: 'url', message: 'is required for a page_visited event' }] },
    });
    const stranger = await stack.api('POST', '/api/activity', { email: 'stranger@nowhere.io', type: 'demo_requested' });
    expect(stranger).toMatchObject({
      status: 404,
      body: { message: "no lead has the email 'stranger@nowhere.io'", errors: [{ path: 'email' }] },
    });
    const neither = await stack.api('POST', '/api/activity', { type: 'demo_requested' });
    expect(neither.body.errors[0].path).toBe('leadId');
    const wrongType = await stack.api('POST', '/api/activity', { leadId, type: 'webinar_attended' });
    expect(wrongType.body.errors[0].path).toBe('type');
    const events = await stack.db.selectFrom('lead_events').select('type').where('lead_id', '=', leadId).execute();
    expect(events).toEqual([]);
  });

  it('re-scores the waiting lead on a pricing visit posted by email', async () => {
    expect((await lead()).score).toBe(0);
    const posted = await stack.api('POST', '/api/activity', {
      email: ' VISITOR@buyer.io',
      type: 'page_visited',
      url: 'https://acme.test/pricing',
    });
    expect(posted).toMatchObject({ status: 202, body: { leadId, delivered: true, event: { type: 'page_visited' } } });
    await eventually(async () => (await lead()).score === 30 || undefined, 'the score to re-run with the visit');
    expect((await lead()).run).toMatchObject({ status: 'waiting', nodeId: 'await-demo' });
  });

  it('wakes the wait with a demo request posted by lead id', async () => {
    const posted = await stack.api('POST', '/api/activity', {
      leadId,
      type: 'demo_requested',
      occurredAt: new Date().toISOString(),
    });
    expect(posted.body.delivered).toBe(true);
    const done = await eventually(async () => {
      const current = await lead();
      return current.run.status === 'completed' ? current : undefined;
    }, 'the lead to leave the wait');
    expect(done.status).toBe('demo_requested');
    const steps = (await stack.api('GET', `/api/leads/${leadId}/history`)).body.steps as Array<{
      nodeId: string;
      port: string;
    }>;
    expect(steps.find((s) => s.nodeId === 'await-demo' && s.port)?.port).toBe('event');
  });
});

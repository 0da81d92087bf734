import type { GraphDocument } from '@leadflow/engine';
import { freePort } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '@leadflow/nodes/testing';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

const alertOnly: GraphDocument = {
  name: 'Alert by email',
  nodes: [
    {
      id: 'capture',
      type: 'capture',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
    },
    {
      id: 'assign',
      type: 'assign',
      typeVersion: 1,
      position: { x: 200, y: 0 },
      config: { strategy: 'round_robin', team: 'solo' },
    },
    {
      id: 'alert',
      type: 'notify',
      typeVersion: 1,
      position: { x: 400, y: 0 },
      config: { channels: ['email'], to: 'owner', subject: 'Lead {{email}}', body: 'Call now' },
    },
    { id: 'done', type: 'end', typeVersion: 1, position: { x: 600, y: 0 }, config: { outcome: 'alerted' } },
    { id: 'nobody', type: 'end', typeVersion: 1, position: { x: 400, y: 200 }, config: { outcome: 'unassigned' } },
  ],
  edges: [
    { id: 'a', source: 'capture', sourceHandle: 'out', target: 'assign' },
    { id: 'b', source: 'assign', sourceHandle: 'assigned', target: 'alert' },
    { id: 'c', source: 'assign', sourceHandle: 'unassigned', target: 'nobody' },
    { id: 'd', source: 'alert', sourceHandle: 'out', target: 'done' },
  ],
};

describe('an activity that keeps failing', () => {
  let stack: TestStack;
  let smtpPort: number;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>> | undefined;

  beforeAll(async () => {
    smtpPort = await freePort();
    stack = await startTestStack({ smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
    await stack.api('POST', '/api/teams', { id: 'solo', name: 'Solo' });
    await stack.api('POST', '/api/reps', { name: 'Sam', email: 'sam@solo.test', teamId: 'solo' });
    await stack.api('POST', '/api/workflows', { name: 'alert', draft: alertOnly, isDefault: true });
    await stack.api('POST', '/api/workflows/alert/publish', { note: 'v1' });
  });
  afterAll(async () => {
    await stack?.stop();
    await smtp?.stop();
  });

  it('parks the lead at the node with the error, and resumes it on a retry event', async () => {
    const { body } = await stack.api('POST', '/api/leads', { email: 'stuck@lead.test' });
    const id = body.lead.id as string;
    const parked = await eventually(
      async () => {
        const lead = (await stack.api('GET', `/api/leads/${id}`)).body;
        return lead.run.status === 'error' ? lead : undefined;
      },
      'the lead to park in error after its retries',
      90_000,
      500,
    );
    expect(parked.run).toMatchObject({ nodeId: 'alert', waiting: { events: ['retry'] } });
    const failed = (await stack.api('GET', `/api/leads/${id}/history`)).body.steps.find(
      (s: { status: string }) => s.status === 'failed',
    );
    expect(failed).toMatchObject({ nodeId: 'alert', error: expect.stringMatching(/ECONNREFUSED/) });
    expect(await stack.db.selectFrom('notifications').select('status').where('lead_id', '=', id).execute()).toEqual([
      { status: 'failed' },
    ]);

    smtp = await startSmtpSink(smtpPort);
    expect((await stack.api('POST', `/api/leads/${id}/events`, { type: 'retry' })).body.delivered).toBe(true);
    await eventually(
      async () => (await stack.api('GET', `/api/leads/${id}`)).body.run.status === 'completed',
      'the lead to finish after the retry',
    );
    expect(smtp.messages).toHaveLength(1);
    const steps = (await stack.api('GET', `/api/leads/${id}/history`)).body.steps as Array<{
      nodeId: string;
      status: string;
      reason: string | null;
    }>;
    expect(steps.map((s) => `${s.nodeId}:${s.status}`)).toEqual([
      'capture:completed',
      'assign:completed',
      'alert:failed',
      'alert:completed',
      'alert:completed',
      'done:completed',
    ]);
    expect(steps[3]?.reason).toBe('retried by operator');
    expect(await stack.db.selectFrom('assignments').select('id').where('lead_id', '=', id).execute()).toHaveLength(1);
  });
});

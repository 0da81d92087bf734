import { slaEscalationWorkflow } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

describe('the shipped SLA pattern (with a 2-second SLA)', () => {
  let stack: TestStack;
  let manager: string;

  beforeAll(async () => {
    stack = await startTestStack();
    manager = (await stack.api('POST', '/api/reps', { name: 'Mona Manager', email: 'mona@sla.test' })).body.id;
    await stack.api('POST', '/api/teams', { id: 'sla', name: 'SLA team', managerRepId: manager });
    for (const name of ['Ann', 'Bo', 'Cy'])
      await stack.api('POST', '/api/reps', { name, email: `${name.toLowerCase()}@sla.test`, teamId: 'sla' });
    await stack.api('POST', '/api/workflows', {
      name: 'sla',
      slug: 'sla',
      draft: slaEscalationWorkflow('sla', '2s'),
      isDefault: true,
    });
    expect((await stack.api('POST', '/api/workflows/sla/publish', { note: 'v1' })).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  it('escalates to the manager and reassigns to the next rep each time the SLA is missed', async () => {
    const { body } = await stack.api('POST', '/api/leads', { email: 'slow@sla.test', name: 'Slow Lead' });
    const id = body.lead.id as string;
    // Two misses: Ann → Bo → Cy.
    const owners = await eventually(
      async () => {
        const rows = await stack.db
          .selectFrom('assignments')
          .innerJoin('reps', 'reps.id', 'assignments.rep_id')
          .select(['reps.name'])
          .where('lead_id', '=', id)
          .orderBy('assignments.created_at')
          .execute();
        return rows.length >= 3 ? rows.map((r) => r.name) : undefined;
      },
      'two reassignments',
      30_000,
    );
    expect(owners.slice(0, 3)).toEqual(['Ann', 'Bo', 'Cy']);

    expect((await stack.api('POST', `/api/leads/${id}/events`, { type: 'contacted' })).body.delivered).toBe(true);
    const done = await eventually(async () => {
      const lead = (await stack.api('GET', `/api/leads/${id}`)).body;
      return lead.run.status === 'completed' ? lead : undefined;
    }, 'the lead to finish once contacted');
    expect(done.status).toBe('contacted');

    const alerts = await stack.db
      .selectFrom('notifications')
      .innerJoin('reps', 'reps.id', 'notifications.rep_id')
      .select(['reps.name', 'notifications.subject'])
      .where('lead_id', '=', id)
      .where('channel', '=', 'inbox')
      .orderBy('notifications.created_at')
      .execute();
    expect(alerts.filter((a) => a.name === 'Mona Manager').length).toBeGreaterThanOrEqual(2);
    expect(alerts.find((a) => a.name === 'Mona Manager')?.subject).toBe('SLA missed: Slow Lead (Ann)');
    const reassignSteps = (await stack.api('GET', `/api/leads/${id}/history`)).body.steps.filter(
      (s: { nodeId: string }) => s.nodeId === 'reassign',
    );
    expect(reassignSteps[0].reason).toMatch(/Bo chosen by round robin; Ann skipped \(current owner, reassigning\)/);
  });
});

import { randomUUID } from 'node:crypto';
import { slaEscalationWorkflow } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

type Who = 'ann' | 'bo';

/** Reps record outcomes on their own leads, on the shipped SLA workflow (long SLA: nothing times out unless a test waits for it). */
describe('rep outcomes: contacted, meeting booked, disqualified', () => {
  let stack: TestStack;
  const reps: Record<Who, string> = { ann: '', bo: '' };
  const tokens: Record<Who, string> = { ann: '', bo: '' };

  async function as(
    who: Who,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: any }> {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  /** Captures a lead and waits until its owner's SLA wait has begun; returns the lead id and who owns it. */
  async function waitingLead(name: string): Promise<{ id: string; owner: Who }> {
    const captured = await stack.api('POST', '/api/leads', {
      email: `${name.toLowerCase().replace(/\W+/g, '.')}-${randomUUID().slice(0, 8)}@outcome.test`,
      name,
    });
    const id = captured.body.lead.id as string;
    const lead = await eventually(async () => {
      const body = (await stack.api('GET', `/api/leads/${id}`)).body;
      return body.run.status === 'waiting' && body.run.nodeId === 'await-contact' ? body : undefined;
    }, `${name} waiting for its rep`);
    return { id, owner: lead.ownerId === reps.ann ? 'ann' : 'bo' };
  }

  const history = async (id: string) => (await stack.api('GET', `/api/leads/${id}/history`)).body;
  const finished = (id: string, what: string) =>
    eventually(async () => ((await history(id)).lead.run.status === 'completed' ? history(id) : undefined), what);

  beforeAll(async () => {
    stack = await startTestStack();
    const manager = (await stack.api('POST', '/api/reps', { name: 'Mo Manager', email: 'mo@outcome.test' })).body.id;
    await stack.api('POST', '/api/teams', { id: 'outcome', name: 'Outcome team', managerRepId: manager });
    for (const who of ['ann', 'bo'] as const) {
      reps[who] = (
        await stack.api('POST', '/api/reps', { name: who, email: `${who}@outcome.test`, teamId: 'outcome' })
      ).body.id;
      tokens[who] = (
        await stack.api('POST', '/api/tokens', { name: `${who}'s inbox`, role: 'rep', repId: reps[who] })
      ).body.token;
    }
    await stack.api('POST', '/api/workflows', {
      name: 'sla',
      slug: 'sla',
      draft: slaEscalationWorkflow('outcome', '10m'),
      isDefault: true,
    });
    expect((await stack.api('POST', '/api/workflows/sla/publish', { note: 'v1' })).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  it('wakes the SLA wait when the owner marks the lead contacted', async () => {
    const { id, owner } = await waitingLead('Carla Contacted');
    const posted = await as(owner, 'POST', `/api/leads/${id}/events`, {
      type: 'contacted',
      data: { note: 'left a voicemail, then spoke' },
    });
    expect(posted).toMatchObject({
      status: 202,
      body: { delivered: true, replayed: false, event: { type: 'contacted' } },
    });
    const done = await finished(id, 'the lead to finish once contacted');
    const path = done.steps.map((s: { nodeId: string; port: string | null }) => `${s.nodeId}:${s.port}`);
    expect(path.slice(-3)).toEqual(['await-contact:event', 'rep-outcome:default', 'contacted:end']);
    expect(done.steps.find((s: { nodeId: string }) => s.nodeId === 'await-contact').reason).toMatch(
      /^contacted arrived/,
    );
    expect(done.lead.status).toBe('contacted');
  });

  it('refuses a disqualification without a reason, naming the field, and records nothing', async () => {
    const { id, owner } = await waitingLead('Rita Reasonless');
    const missing = await as(owner, 'POST', `/api/leads/${id}/events`, {
      type: 'disqualified',
      data: { note: 'not a fit' },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ path: 'data.reason', message: expect.stringContaining('no_budget') }),
    ]);
    const unknown = await as(owner, 'POST', `/api/leads/${id}/events`, {
      type: 'disqualified',
      data: { reason: 'rude' },
    });
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({
        path: 'data.reason',
        message: expect.stringContaining("'rude' is not a known reason"),
      }),
    ]);
    const badTime = await as(owner, 'POST', `/api/leads/${id}/events`, {
      type: 'meeting_booked',
      data: { meetingAt: 'tomorrow-ish' },
    });
    expect(badTime.body.errors).toEqual([expect.objectContaining({ path: 'data.meetingAt' })]);
    const after = await history(id);
    expect(after.events).toEqual([]);
    expect(after.lead).toMatchObject({ stage: 'new', run: { status: 'waiting' } });
  });

  it('disqualifies with a reason: status, reason and stage in one go, the metrics count it, and the SLA stops', async () => {
    const { id, owner } = await waitingLead('Dan Disqualified');
    const posted = await as(owner, 'POST', `/api/leads/${id}/events`, {
      type: 'disqualified',
      data: { reason: 'no_budget', note: 'frozen until Q3' },
    });
    expect(posted).toMatchObject({ status: 202, body: { delivered: true, replayed: false } });
    const lead = (await stack.api('GET', `/api/leads/${id}`)).body;
    expect(lead).toMatchObject({ status: 'disqualified', disqualificationReason: 'no_budget', stage: 'disqualified' });

    const done = await finished(id, 'the disqualified lead to finish');
    expect(done.events).toEqual([
      expect.objectContaining({ type: 'disqualified', data: { reason: 'no_budget', note: 'frozen until Q3' } }),
    ]);
    const nodes = done.steps.map((s: { nodeId: string }) => s.nodeId);
    expect(nodes.slice(-2)).toEqual(['rep-outcome', 'rep-disqualified']);
    expect(nodes).not.toContain('escalate');
    // The quiet ending keeps what the rep recorded.
    expect(done.lead).toMatchObject({ status: 'disqualified', disqualificationReason: 'no_budget' });

    const metrics = await stack.api('GET', '/api/metrics/disqualifications');
    expect(metrics.body.reasons).toContainEqual(expect.objectContaining({ reason: 'no_budget', n: 1 }));
    // Outcomes other than a new disqualification wait for the lead to be reopened.
    const late = await as(owner, 'POST', `/api/leads/${id}/events`, { type: 'contacted' });
    expect(late).toMatchObject({ status: 409, body: { errors: [{ path: 'type' }] } });
  });

  it('ends the wait as a booked meeting', async () => {
    const { id, owner } = await waitingLead('Mia Meeting');
    const at = new Date(Date.now() + 86_400_000).toISOString();
    expect(
      (await as(owner, 'POST', `/api/leads/${id}/events`, { type: 'meeting_booked', data: { meetingAt: at } })).status,
    ).toBe(202);
    const done = await finished(id, 'the lead to finish with a meeting');
    expect(done.steps.at(-1)).toMatchObject({ nodeId: 'meeting-booked' });
    expect(done.lead).toMatchObject({ status: 'meeting_booked', stage: 'meeting' });
  });

  it("answers 404 to a rep acting on another rep's lead, and records nothing", async () => {
    const { id, owner } = await waitingLead('Olga Owned');
    const other: Who = owner === 'ann' ? 'bo' : 'ann';
    expect((await as(other, 'POST', `/api/leads/${id}/events`, { type: 'contacted' })).status).toBe(404);
    expect(
      (await as(other, 'POST', `/api/leads/${id}/events`, { type: 'disqualified', data: { reason: 'timing' } })).status,
    ).toBe(404);
    expect((await as(other, 'GET', `/api/leads/${id}`)).status).toBe(404);
    expect((await history(id)).events).toEqual([]);
    const mine = await as(owner, 'GET', '/api/leads?open=true');
    expect(mine.body.leads.map((l: { id: string }) => l.id)).toContain(id);
    expect(
      mine.body.leads.every(
        (l: { ownerId: string; stage: string }) => l.ownerId === reps[owner] && l.stage !== 'disqualified',
      ),
    ).toBe(true);
  });

  it('records one outcome for a double click or a retried POST', async () => {
    const { id, owner } = await waitingLead('Dora Double');
    const key = randomUUID();
    const body = { type: 'disqualified', data: { reason: 'competitor' } };
    const [first, second] = await Promise.all([
      as(owner, 'POST', `/api/leads/${id}/events`, body, { 'idempotency-key': key }),
      as(owner, 'POST', `/api/leads/${id}/events`, body, { 'idempotency-key': key }),
    ]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body.event.id).toBe(second.body.event.id);
    expect([first.body.replayed, second.body.replayed].sort()).toEqual([false, true]);
    // Without a key: the same outcome as the lead's latest is the same outcome.
    const again = await as(owner, 'POST', `/api/leads/${id}/events`, body);
    expect(again.body).toMatchObject({ replayed: true, event: { id: first.body.event.id } });
    const reused = await as(
      owner,
      'POST',
      `/api/leads/${id}/events`,
      { type: 'contacted' },
      { 'idempotency-key': key },
    );
    expect(reused).toMatchObject({
      status: 422,
      body: { code: 'IDEMPOTENCY_KEY_REUSED', errors: [{ path: 'headers.idempotency-key' }] },
    });
    expect((await history(id)).events.map((e: { type: string }) => e.type)).toEqual(['disqualified']);
    const changes = await stack.db
      .selectFrom('lead_stage_changes')
      .select('to_stage')
      .where('lead_id', '=', id)
      .where('to_stage', '=', 'disqualified')
      .execute();
    expect(changes).toHaveLength(1);
  });

  it("follows its own leads live, and hears nothing of another rep's", async () => {
    // Round robin between the two reps: two leads in a row go one to each.
    const pair = [await waitingLead('Sam Stream'), await waitingLead('Tess Stream')];
    const bo = pair.find((lead) => lead.owner === 'bo');
    const other = pair.find((lead) => lead.owner === 'ann');
    if (!bo || !other) throw new Error(`round robin gave both leads to ${pair[0]?.owner}`);
    const controller = new AbortController();
    const response = await fetch(`${stack.baseUrl}/api/leads/stream`, {
      headers: { authorization: `Bearer ${tokens.bo}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    let text = '';
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += value;
      }
    })();
    try {
      await eventually(async () => text.includes('event: ready'), "Bo's stream to be live");
      await as(other.owner, 'POST', `/api/leads/${other.id}/events`, { type: 'contacted' });
      await as('bo', 'POST', `/api/leads/${bo.id}/events`, { type: 'contacted' });
      await eventually(async () => text.includes(bo.id), "Bo's own lead change");
      expect(text).not.toContain(other.id);
    } finally {
      controller.abort();
      await reading;
    }
  });

  it('lists the outcomes and reasons a rep picks from', async () => {
    const catalog = await as('ann', 'GET', '/api/lead-outcomes');
    expect(catalog.body.outcomes.map((o: { type: string }) => o.type)).toEqual([
      'contacted',
      'meeting_booked',
      'disqualified',
    ]);
    expect(catalog.body.disqualificationReasons).toContainEqual({ code: 'no_budget', label: 'no budget' });
  });
});

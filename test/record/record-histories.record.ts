/**
 * Records real lead histories, one per path a lead can take through the interpreter, into
 * `test/fixtures/histories/<release>/`, where `workflow-replay.test.ts` replays every one of them
 * with the current interpreter in CI. Run it once per release, before changing the interpreter or a
 * control node, so leads in flight at the upgrade are covered:
 *
 *   HISTORY_RELEASE=2026-12-06-main npm run record:histories -w test
 *
 * Uses only the public API and the seed graphs, so the same file also records with an older build
 * (check the older commit out in a worktree, copy this folder in, run it there).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { GraphDocument } from '@leadflow/engine';
import type { temporal } from '@temporalio/proto';
import { startSmtpSink } from '@leadflow/nodes/testing';
import { freePort, inboundWorkflow, slaEscalationWorkflow } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyToCliJson } from '../src/support/history-json.js';
import { publishRoutedWorkflow } from '../src/support/intake-fixtures.js';
import { eventually, startTestStack, type TestStack } from '../src/support/test-stack.js';
import { everyNodeGraph, loopGraph, parkGraph, businessHoursGraph, taskCadenceGraph } from './record-graphs.js';

const release = process.env.HISTORY_RELEASE;
if (!release || !/^[A-Za-z0-9._-]+$/.test(release))
  throw new Error('set HISTORY_RELEASE to a folder name for this release, e.g. 2026-12-06-main');
const folder = new URL(`../fixtures/histories/${release}/`, import.meta.url);

describe(`recording lead histories for ${release}`, () => {
  let stack: TestStack;
  let smtpPort: number;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
  let outside: Server;
  let outsideUrl: string;

  const lead = async (id: string) => (await stack.api('GET', `/api/leads/${id}`)).body;
  const runIs = (id: string, status: string, nodeId?: string) =>
    eventually(
      async () => {
        const current = await lead(id);
        return current.run.status === status && (nodeId === undefined || current.run.nodeId === nodeId) && current;
      },
      `lead ${id} to be ${status}${nodeId ? ` at ${nodeId}` : ''}`,
      90_000,
    );
  const post = (id: string, type: string, data?: Record<string, unknown>) =>
    stack.api('POST', `/api/leads/${id}/events`, { type, ...(data && { data }) });

  /**
   * A history with every payload decrypted by the stack's codec: the fixture must replay in CI,
   * where this run's keyring and the leads' data keys are long gone.
   */
  async function decoded(value: unknown): Promise<unknown> {
    if (Array.isArray(value)) return Promise.all(value.map(decoded));
    if (!value || typeof value !== 'object' || value instanceof Uint8Array) return value;
    const record = value as Record<string, unknown>;
    const metadata = record.metadata as Record<string, Uint8Array> | undefined;
    if (metadata?.encoding && Buffer.from(metadata.encoding).toString() === 'binary/encrypted') {
      const [plain] = await stack.security.codec.decode([record as never]);
      return plain;
    }
    return Object.fromEntries(
      await Promise.all(Object.entries(record).map(async ([key, item]) => [key, await decoded(item)])),
    );
  }

  /** Saves every run of the lead's workflow (continue-as-new makes more than one), oldest first. */
  async function save(name: string, leadId: string): Promise<void> {
    const runs: string[] = [];
    for await (const execution of stack.services.temporal.workflow.list({ query: `WorkflowId = 'lead-${leadId}'` }))
      runs.push(execution.runId);
    const handles = await Promise.all(
      runs.map(async (runId) => ({
        runId,
        history: (await decoded(
          await stack.services.temporal.workflow.getHandle(`lead-${leadId}`, runId).fetchHistory(),
        )) as temporal.api.history.v1.IHistory,
      })),
    );
    handles.sort(
      (a, b) =>
        Number(a.history.events?.[0]?.eventTime?.seconds ?? 0) - Number(b.history.events?.[0]?.eventTime?.seconds ?? 0),
    );
    mkdirSync(folder, { recursive: true });
    handles.forEach(({ history }, index) => {
      const file = handles.length === 1 ? `${name}.json` : `${name}.run${index + 1}.json`;
      const json = `${JSON.stringify(historyToCliJson(history), null, 1)}\n`;
      // Long histories (continue-as-new's thousands of events) are kept compressed.
      if (json.length > 512 * 1024) writeFileSync(new URL(`${file}.gz`, folder), gzipSync(json));
      else writeFileSync(new URL(file, folder), json);
    });
  }

  async function publish(slug: string, draft: GraphDocument): Promise<void> {
    expect((await stack.api('POST', '/api/workflows', { name: slug, slug, draft })).status).toBe(201);
    const published = await stack.api('POST', `/api/workflows/${slug}/publish`, { note: release });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }

  beforeAll(async () => {
    smtpPort = await freePort();
    stack = await startTestStack({ smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
    smtp = await startSmtpSink(smtpPort);
    outside = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.setHeader('content-type', 'application/json');
        const path = new URL(request.url ?? '/', 'http://x').pathname;
        response.end(
          path === '/companies'
            ? JSON.stringify({ category: { industry: 'Software' }, metrics: { employees: 450 } })
            : JSON.stringify({ id: 'crm-1' }),
        );
      });
    });
    await new Promise<void>((resolve) => outside.listen(0, '127.0.0.1', resolve));
    const address = outside.address();
    outsideUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    await stack.api('POST', '/api/teams', { id: 'inbound', name: 'Inbound' });
    const manager = (
      await stack.api('POST', '/api/reps', { name: 'Maya Manager', email: 'maya@record.test', teamId: 'inbound' })
    ).body;
    await stack.api('PATCH', '/api/teams/inbound', { managerRepId: manager.id });
    for (const name of ['Ann', 'Bo', 'Cy'])
      await stack.api('POST', '/api/reps', { name, email: `${name.toLowerCase()}@record.test`, teamId: 'inbound' });
    await publish('inbound', inboundWorkflow);
    await publish('sla', slaEscalationWorkflow('inbound', '2s'));
    await publish('every-node', everyNodeGraph(outsideUrl));
    await publish('loop', loopGraph());
    await publish('park', parkGraph());
    await publish('business-hours', businessHoursGraph());
    await publish('cadence', taskCadenceGraph());
    await publishRoutedWorkflow(stack, 'routed', 'routed', ['Rae']);
  });
  afterAll(async () => {
    await stack?.stop();
    await smtp?.stop();
    await new Promise((resolve) => outside?.close(resolve));
  });

  const hot = { name: 'Jane Doe', company: 'Acme', title: 'VP Sales', source: 'demo_request', country: 'US' };

  it('inbound: enrich, score, branch, assign, notify, wait, contacted', async () => {
    const { body } = await stack.api('POST', '/api/leads', { workflow: 'inbound', email: 'jane@acme.test', ...hot });
    await runIs(body.lead.id, 'waiting', 'await-contact');
    await post(body.lead.id, 'contacted');
    await runIs(body.lead.id, 'completed');
    await save('inbound-contacted', body.lead.id);
  });

  it('inbound: the rep disqualifies', async () => {
    const { body } = await stack.api('POST', '/api/leads', { workflow: 'inbound', email: 'dq@acme.test', ...hot });
    await runIs(body.lead.id, 'waiting', 'await-contact');
    await post(body.lead.id, 'disqualified', { reason: 'no_budget' });
    await runIs(body.lead.id, 'completed');
    await save('inbound-disqualified', body.lead.id);
  });

  it('SLA escalation: missed twice, reassigned, then contacted', async () => {
    const { body } = await stack.api('POST', '/api/leads', {
      workflow: 'sla',
      email: 'sla@acme.test',
      name: 'Sal Ace',
    });
    await eventually(
      async () => (await stack.api('GET', `/api/leads/${body.lead.id}/history`)).body.assignments.length >= 3 && true,
      'two reassignments',
      90_000,
    );
    await runIs(body.lead.id, 'waiting', 'await-contact');
    await post(body.lead.id, 'contacted');
    await runIs(body.lead.id, 'completed');
    await save('sla-escalation', body.lead.id);
  });

  it('error park and retry: an email that cannot be sent parks the lead until an operator retries', async () => {
    await smtp?.stop();
    smtp = undefined;
    const { body } = await stack.api('POST', '/api/leads', { workflow: 'park', email: 'park@acme.test' });
    await runIs(body.lead.id, 'error');
    smtp = await startSmtpSink(smtpPort);
    await post(body.lead.id, 'retry');
    await runIs(body.lead.id, 'completed');
    await save('error-park-retry', body.lead.id);
  });

  it('every node type: vendor enrichment, score v2, split, update, http, conditional wait, webhook, recycle', async () => {
    const { body } = await stack.api('POST', '/api/leads', {
      workflow: 'every-node',
      email: 'ops@midmarket.test',
      name: 'Olga Ops',
      source: 'demo_request',
    });
    await runIs(body.lead.id, 'waiting', 'engaged');
    await post(body.lead.id, 'page_visited', { url: '/pricing' });
    await post(body.lead.id, 'page_visited', { url: '/pricing' });
    await runIs(body.lead.id, 'waiting', 'nurture');
    await post(body.lead.id, 'demo_requested');
    await runIs(body.lead.id, 'completed');
    await save('every-node', body.lead.id);
  });

  it('re-scored while waiting, then woken by an event', async () => {
    const { body } = await stack.api('POST', '/api/leads', { workflow: 'routed', email: 'rescore@acme.test' });
    await runIs(body.lead.id, 'waiting', 'await-demo');
    await post(body.lead.id, 'page_visited', { url: 'https://acme.test/pricing' });
    await eventually(
      async () => (await lead(body.lead.id)).score !== null && (await lead(body.lead.id)).score > 0 && true,
      'the re-score',
    );
    await post(body.lead.id, 'demo_requested');
    await runIs(body.lead.id, 'completed');
    await save('rescored-woken', body.lead.id);
  });

  it('update-with-start: a capture waiting for its assignment', async () => {
    const { body } = await stack.api('POST', '/api/leads?wait=assignment', {
      workflow: 'routed',
      email: 'sync@acme.test',
    });
    expect(body.owner).not.toBeNull();
    await post(body.lead.id, 'demo_requested');
    await runIs(body.lead.id, 'completed');
    await save('update-with-start', body.lead.id);
  });

  it('wait v2 until business time: the next business hour, then the next business day (left waiting)', async () => {
    const { body } = await stack.api('POST', '/api/leads', {
      workflow: 'business-hours',
      email: 'hours@acme.test',
      ...hot,
    });
    await runIs(body.lead.id, 'waiting', 'next-day');
    await save('business-hours-waiting', body.lead.id);
  });

  it('task cadence: task, wait, task', async () => {
    const { body } = await stack.api('POST', '/api/leads', { workflow: 'cadence', email: 'cadence@acme.test', ...hot });
    await runIs(body.lead.id, 'completed');
    await save('task-cadence', body.lead.id);
  });

  it('continue-as-new: a lead looping through a wait until its history is long', async () => {
    const { body } = await stack.api('POST', '/api/leads', { workflow: 'loop', email: 'loop@acme.test' });
    const id = body.lead.id as string;
    await runIs(id, 'waiting', 'await');
    const runsOf = async (): Promise<number> => {
      let count = 0;
      for await (const _ of stack.services.temporal.workflow.list({ query: `WorkflowId = 'lead-${id}'` })) count++;
      return count;
    };
    for (let round = 0; (await runsOf()) < 2; round++) {
      if (round > 100) throw new Error('no continue-as-new after 4,000 events');
      await Promise.all(Array.from({ length: 40 }, () => post(id, 'replied')));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await post(id, 'contacted');
    await runIs(id, 'completed');
    await save('continue-as-new', id);
  });
});

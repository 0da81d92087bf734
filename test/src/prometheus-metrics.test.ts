import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '@leadflow/engine/db';
import type { SmtpSink } from '@leadflow/nodes/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LeadflowProcess,
  processEnv,
  spawnLeadflow,
  TEST_SECRET_KEY,
  untilReady,
} from './support/leadflow-process.js';
import { sumMetric } from './support/prometheus-text.js';
import { eventually, hotLead } from './support/test-stack.js';

const LEADS = 4;

/**
 * `/metrics` on an API server process and a worker process (as `npm start` with LEADFLOW_WORKER=off
 * and `npm run worker` run them): a few leads go through the seeded workflow, and every counter
 * the dashboards read moves by what happened — on the server (captures, run starts, HTTP latency
 * by route, open SSE streams) and on the worker (steps by node type, assignments by team,
 * notifications by channel, runs ended, and the Temporal SDK's own metrics).
 */
describe('Prometheus metrics of the API server and the worker', () => {
  let server: LeadflowProcess;
  let worker: LeadflowProcess;
  let smtp: SmtpSink;
  let db: Kysely<Database>;
  const token = `metrics-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    const shared = await processEnv('metrics');
    const env = shared.env;
    smtp = shared.smtp;
    db = createDatabase(shared.databaseUrl);
    server = await spawnLeadflow('start', { ...env, LEADFLOW_WORKER: 'off', LEADFLOW_ADMIN_TOKEN: token });
    await untilReady(server);
    worker = await spawnLeadflow('worker', env);
    await untilReady(worker);
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), worker?.stop()]);
    await smtp?.stop();
    await db?.destroy();
  });

  const scrape = async (process: LeadflowProcess): Promise<string> => {
    const response = await fetch(`${process.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  };
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('counts captures, runs, steps, assignments, notifications, HTTP latency, SSE clients and the SDK’s own metrics', async () => {
    const [serverBefore, workerBefore] = await Promise.all([scrape(server), scrape(worker)]);
    expect(sumMetric(serverBefore, 'leadflow_sse_clients')).toBe(0);

    // A live lead list open while the leads arrive: one SSE client, gone once it disconnects.
    const stream = new AbortController();
    const streaming = await fetch(`${server.url}/api/leads/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: stream.signal,
    });
    expect(streaming.status).toBe(200);
    await eventually(
      async () => sumMetric(await scrape(server), 'leadflow_sse_clients') === 1,
      'the SSE client to be counted',
    );

    const ids: string[] = [];
    for (let i = 0; i < LEADS; i++) {
      const { status, body } = await api('POST', '/api/leads', hotLead(i, 'metrics-bigco.com'));
      expect(status).toBe(201);
      ids.push(body.lead.id);
    }
    await eventually(
      async () =>
        (await db.selectFrom('leads').select('id').where('current_node_id', '=', 'await-contact').execute()).length ===
        LEADS,
      'every lead to wait for contact',
    );
    for (const id of ids)
      expect((await api('POST', `/api/leads/${id}/events`, { type: 'contacted' })).status).toBe(202);
    await eventually(
      async () =>
        (await db.selectFrom('leads').select('id').where('run_status', '=', 'completed').execute()).length === LEADS,
      'every run to end',
    );
    stream.abort();
    await eventually(
      async () => sumMetric(await scrape(server), 'leadflow_sse_clients') === 0,
      'the SSE client to be gone',
    );

    const [serverAfter, workerAfter] = await Promise.all([scrape(server), scrape(worker)]);
    const moved = (before: string, after: string, name: string, labels: Record<string, string> = {}) =>
      sumMetric(after, name, labels) - sumMetric(before, name, labels);

    expect(moved(serverBefore, serverAfter, 'leadflow_leads_captured_total', { channel: 'api' })).toBe(LEADS);
    expect(moved(serverBefore, serverAfter, 'leadflow_runs_started_total')).toBe(LEADS);
    expect(
      moved(serverBefore, serverAfter, 'leadflow_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/leads',
        status: '201',
      }),
    ).toBe(LEADS);
    expect(
      moved(serverBefore, serverAfter, 'leadflow_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/leads/:id/events',
        status: '202',
      }),
    ).toBe(LEADS);
    // Routes by template only: no lead id ever becomes a label.
    expect(serverAfter).not.toContain(ids[0]);

    for (const nodeType of ['assign', 'notify']) {
      expect(
        moved(workerBefore, workerAfter, 'leadflow_steps_total', {
          node_type: nodeType,
          node_version: '1',
          result: 'completed',
        }),
      ).toBe(LEADS);
      expect(
        moved(workerBefore, workerAfter, 'leadflow_step_duration_seconds_count', {
          node_type: nodeType,
          node_version: '1',
        }),
      ).toBe(LEADS);
    }
    expect(moved(workerBefore, workerAfter, 'leadflow_assignments_total', { team: 'inbound' })).toBe(LEADS);
    expect(moved(workerBefore, workerAfter, 'leadflow_notifications_total', { channel: 'email', status: 'sent' })).toBe(
      LEADS,
    );
    expect(
      moved(workerBefore, workerAfter, 'leadflow_notifications_total', { channel: 'inbox', status: 'delivered' }),
    ).toBe(LEADS);
    expect(moved(workerBefore, workerAfter, 'leadflow_runs_completed_total')).toBe(LEADS);
    expect(moved(workerBefore, workerAfter, 'leadflow_runs_errored_total')).toBe(0);
    expect(smtp.messages.filter((mail) => mail.subject?.startsWith('New lead:'))).toHaveLength(LEADS);

    // The Temporal SDK's own metrics, from its runtime, on the same scrape.
    expect(moved(workerBefore, workerAfter, 'temporal_workflow_completed_total')).toBe(LEADS);
    expect(moved(workerBefore, workerAfter, 'temporal_activity_execution_latency_count')).toBeGreaterThanOrEqual(
      2 * LEADS,
    );
    expect(sumMetric(workerAfter, 'temporal_num_pollers')).toBeGreaterThan(0);
  });

  it('logs each lead’s lines as JSON with its lead, workflow and run ids, and no personal data', async () => {
    const lines = [...server.logLines(), ...worker.logLines()];
    const leadIds = (await db.selectFrom('leads').select('id').execute()).map((row) => row.id);
    expect(leadIds).toHaveLength(LEADS);
    for (const leadId of leadIds) {
      const started = server.logLines().find((line) => line.msg === 'lead run started' && line.leadId === leadId);
      expect(started).toMatchObject({
        service: 'leadflow-server',
        workflowId: `lead-${leadId}`,
        runId: expect.any(String),
      });
      const completed = worker.logLines().find((line) => line.msg === 'lead run completed' && line.leadId === leadId);
      // The same run, followed from the API server to the worker.
      expect(completed).toMatchObject({
        service: 'leadflow-worker',
        workflowId: `lead-${leadId}`,
        runId: started?.runId,
      });
      // The request that posted its rep's outcome carries it too.
      expect(
        lines.some(
          (line) =>
            line.leadId === leadId && (line.req as { route?: string } | undefined)?.route === '/api/leads/:id/events',
        ),
      ).toBe(true);
    }
    const text = `${server.output()}${worker.output()}`;
    expect(text).not.toMatch(/buyer\d@metrics-bigco\.com/);
    expect(text).not.toContain(token);
    expect(text).not.toContain(TEST_SECRET_KEY.split(':')[1]);
  });
});

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, type Tracing } from '@leadflow/server/tracing';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { historyCorpus } from './support/history-corpus.js';
import { historyFromCliJson } from './support/history-json.js';
import type { TestStack } from './support/test-stack.js';

const exporter = new InMemorySpanExporter();
// Before Fastify, pg and the Temporal SDK load (the imports below are dynamic for that reason):
// the HTTP and pg instrumentations patch them as they load, as in `npm start`.
const tracing: Tracing = startTracing({ serviceName: 'leadflow-test', exporter });
const { bundleLeadWorkflows } = await import('@leadflow/engine/worker');
const { inboundWorkflow, installTemporalRuntime } = await import('@leadflow/server');
const { workflowPreloadModules, workflowsPath } = await import('@leadflow/nodes');
const { Worker } = await import('@temporalio/worker');
const { eventually, startTestStack } = await import('./support/test-stack.js');
const { createIsolatedDatabase } = await import('@leadflow/engine/local-services');
const { spawnLeadflow, untilReady } = await import('./support/leadflow-process.js');

const byId = (spans: readonly ReadableSpan[]) => new Map(spans.map((span) => [span.spanContext().spanId, span]));

/** The chain of span names from `span` up to its trace's root. */
function ancestry(span: ReadableSpan, spans: Map<string, ReadableSpan>): string[] {
  const names: string[] = [];
  for (let at: ReadableSpan | undefined = span; at; at = at.parentSpanId ? spans.get(at.parentSpanId) : undefined)
    names.push(at.name);
  return names;
}

/**
 * One lead, one trace: the `POST /api/leads` request, the Temporal client's start, the workflow
 * run, each activity scheduled and run, and the Postgres queries each of them made — exported
 * from the API, the worker and the workflow sandbox into one in-memory exporter, as an OTLP
 * collector would receive them.
 */
describe('OpenTelemetry traces', () => {
  let stack: TestStack;
  let bundle: WorkflowBundle;

  beforeAll(async () => {
    installTemporalRuntime();
    bundle = await bundleLeadWorkflows(workflowsPath, workflowPreloadModules, [
      tracing.worker.workflowInterceptorModule,
    ]);
    stack = await startTestStack({ clientInterceptors: tracing.clientInterceptors, workflowBundle: bundle });
    await stack.api('POST', '/api/teams', { id: 'inbound', name: 'Inbound' });
    await stack.api('POST', '/api/reps', { name: 'Tia Trace', email: 'tia@trace-bigco.com', teamId: 'inbound' });
    await stack.api('POST', '/api/workflows', { name: 'inbound', slug: 'inbound', draft: inboundWorkflow });
    expect((await stack.api('POST', '/api/workflows/inbound/publish', { note: 'v1' })).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
    await tracing.shutdown();
  });

  it('follows a lead from POST /api/leads through its workflow, activities and their queries in one trace', async () => {
    exporter.reset();
    const email = 'traced.person@trace-bigco.com';
    const { status, body } = await stack.api('POST', '/api/leads', {
      workflow: 'inbound',
      email,
      name: 'Traced Person',
      company: 'BigCo',
      title: 'VP Sales',
      source: 'demo_request',
      country: 'US',
    });
    expect(status, JSON.stringify(body)).toBe(201);
    const leadId: string = body.lead.id;
    await eventually(
      async () => (await stack.api('GET', `/api/leads/${leadId}`)).body.run.nodeId === 'await-contact',
      'the lead to wait for contact',
    );
    // The run's own span ends with the run: its rep makes contact.
    expect((await stack.api('POST', `/api/leads/${leadId}/events`, { type: 'contacted' })).status).toBe(202);
    // Workflow spans leave the sandbox through a sink, after the task that made them completes.
    const finished = await eventually(async () => {
      const spans = exporter.getFinishedSpans();
      return spans.some((span) => span.name === 'RunActivity:node.notify.v1') &&
        spans.some((span) => span.name === 'RunWorkflow:leadWorkflow')
        ? spans
        : undefined;
    }, 'the workflow and activity spans');

    const request = finished.find((span) => span.name === 'POST /api/leads');
    expect(request?.attributes['http.route']).toBe('/api/leads');
    const traceId = request!.spanContext().traceId;
    const trace = finished.filter((span) => span.spanContext().traceId === traceId);
    const spans = byId(trace);
    // One tree: every span but the request's has its parent in the trace.
    expect(
      trace.filter((span) => !span.parentSpanId || !spans.has(span.parentSpanId)).map((span) => span.name),
    ).toEqual(['POST /api/leads']);

    const named = (name: string) => trace.find((span) => span.name === name);
    expect(ancestry(named('RunActivity:node.assign.v1')!, spans)).toEqual([
      'RunActivity:node.assign.v1',
      'StartActivity:node.assign.v1',
      'RunWorkflow:leadWorkflow',
      'StartWorkflow:leadWorkflow',
      'POST /api/leads',
    ]);
    expect(named('RunActivity:node.notify.v1')).toBeDefined();
    // The local activities (enrich, score) are in the run too.
    expect(trace.map((span) => span.name)).toEqual(
      expect.arrayContaining(['StartActivity:node.enrich.v1', 'StartActivity:node.score.v1']),
    );
    // Postgres queries under the request (the lead's insert) and under the assign activity (its assignment).
    const queries = trace.filter((span) => span.name.startsWith('pg.query'));
    const statementUnder = (parent: string) =>
      queries
        .filter((span) => ancestry(span, spans).includes(parent))
        .map((span) => String(span.attributes['db.statement']));
    expect(statementUnder('POST /api/leads').some((statement) => /insert into "leads"/i.test(statement))).toBe(true);
    expect(statementUnder('RunActivity:node.assign.v1').some((statement) => /"assignments"/.test(statement))).toBe(
      true,
    );
    // Statements, never their parameters: the lead's email is nowhere in the trace.
    expect(JSON.stringify(trace.map((span) => span.attributes))).not.toContain(email);
  });

  it('replays the whole recorded history corpus with the tracing interceptors in the bundle', async () => {
    const histories = historyCorpus();
    expect(histories.length).toBeGreaterThanOrEqual(12);
    const failures: string[] = [];
    const results = Worker.runReplayHistories(
      { workflowBundle: bundle, sinks: tracing.worker.sinks },
      histories.map(({ name, json }) => ({ workflowId: name, history: historyFromCliJson(json) })),
    );
    for await (const result of results)
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    expect(failures).toEqual([]);
  });
});

/** A span as OTLP/HTTP JSON carries it, with the service that sent it. */
interface OtlpSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

/** An OTLP/HTTP collector on loopback: keeps every span posted to /v1/traces. */
async function startCollector(): Promise<{ url: string; spans: OtlpSpan[]; stop(): Promise<void> }> {
  const spans: OtlpSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const payload = JSON.parse(body) as {
        resourceSpans: Array<{
          resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
          scopeSpans: Array<{ spans: OtlpSpan[] }>;
        }>;
      };
      for (const resource of payload.resourceSpans) {
        const service =
          resource.resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '';
        for (const scope of resource.scopeSpans) for (const span of scope.spans) spans.push({ ...span, service });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    spans,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('OTLP export from an API server and a worker process', () => {
  it('sends one trace per lead, started by the server and continued by the worker, to the configured collector', async () => {
    const collector = await startCollector();
    const token = `otlp-${randomBytes(6).toString('hex')}`;
    const env = {
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DATABASE_URL: await createIsolatedDatabase(inject('databaseUrl')),
      LEADFLOW_TASK_QUEUE: `otlp-${randomBytes(4).toString('hex')}`,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    const server = await spawnLeadflow('start', { ...env, LEADFLOW_WORKER: 'off', LEADFLOW_ADMIN_TOKEN: token });
    const worker = await spawnLeadflow('worker', env);
    try {
      await untilReady(server);
      await untilReady(worker);
      const post = (path: string, body: unknown) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.json() as Promise<any>);
      const { lead } = await post('/api/leads', {
        email: 'otlp.person@otlp-bigco.com',
        name: 'Otlp Person',
        company: 'BigCo',
        title: 'VP Sales',
        source: 'demo_request',
      });
      const read = () =>
        fetch(`${server.url}/api/leads/${lead.id}`, { headers: { authorization: `Bearer ${token}` } }).then(
          (r) => r.json() as Promise<any>,
        );
      await eventually(async () => (await read()).run.nodeId === 'await-contact', 'the lead to wait for contact');
      await post(`/api/leads/${lead.id}/events`, { type: 'contacted' });
      const request = await eventually(
        async () => collector.spans.find((span) => span.name === 'POST /api/leads'),
        'the request span from the server',
      );
      const trace = await eventually(async () => {
        const spans = collector.spans.filter((span) => span.traceId === request.traceId);
        return spans.some((span) => span.name === 'RunWorkflow:leadWorkflow') &&
          spans.some((span) => span.name === 'RunActivity:node.notify.v1')
          ? spans
          : undefined;
      }, 'the worker’s spans of the same trace');
      const services = (name: string) =>
        new Set(trace.filter((span) => span.name === name).map((span) => span.service));
      expect(services('POST /api/leads')).toEqual(new Set(['leadflow-server']));
      expect(services('StartWorkflow:leadWorkflow')).toEqual(new Set(['leadflow-server']));
      expect(services('RunWorkflow:leadWorkflow')).toEqual(new Set(['leadflow-worker']));
      expect(services('RunActivity:node.assign.v1')).toEqual(new Set(['leadflow-worker']));
      expect(trace.filter((span) => span.name.startsWith('pg.query')).map((span) => span.service)).toEqual(
        expect.arrayContaining(['leadflow-server', 'leadflow-worker']),
      );
    } finally {
      await Promise.all([server.stop(), worker.stop()]);
      await collector.stop();
    }
  });
});

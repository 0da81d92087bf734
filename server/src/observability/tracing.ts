import { createRequire } from 'node:module';
import { type Span, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { ActivityInterceptorsFactory, WorkerOptions } from '@temporalio/worker';

/**
 * OpenTelemetry traces: an HTTP request's span, the Temporal client's start, the workflow run,
 * its activities and their Postgres queries in one trace. Off unless an OTLP endpoint is
 * configured (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, read by the
 * exporter) or a test passes its own exporter. It must start before `pg`, `fastify` and `http`
 * are first loaded: the instrumentations patch them as they load, which is why the CLI entry
 * points import the rest of Leadflow only after `startTracing`.
 */
export interface Tracing {
  /** Client interceptors: the start of a run becomes a span and carries the trace to the workflow. */
  clientInterceptors: WorkflowClientInterceptor[];
  /** Worker settings: activity spans, and workflow spans exported from the sandbox through a sink. */
  worker: {
    activity: ActivityInterceptorsFactory[];
    sinks: NonNullable<WorkerOptions['sinks']>;
    workflowInterceptorModule: string;
  };
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

let active: Tracing | null = null;

/** The tracing this process started, if any. */
export function tracing(): Tracing | null {
  return active;
}

export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    env.OTEL_SDK_DISABLED !== 'true' &&
    Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
  );
}

/** Paths are kept, query strings dropped: a search (`?q=…`) may hold an email address. */
function withoutQuery(span: Span): void {
  const attributes = (span as unknown as { attributes?: Record<string, unknown> }).attributes ?? {};
  for (const name of ['http.url', 'http.target', 'url.full', 'url.query']) {
    const value = attributes[name];
    if (typeof value === 'string' && value.includes('?')) span.setAttribute(name, value.slice(0, value.indexOf('?')));
  }
}

const QUIET_PATHS = new Set(['/metrics', '/healthz', '/readyz']);

export interface TracingOptions {
  serviceName: string;
  /** A test's exporter (in memory), exported span by span; default: OTLP over HTTP, batched. */
  exporter?: SpanExporter;
}

export function startTracing(options: TracingOptions): Tracing {
  if (active) return active;
  const resource = new Resource({ [ATTR_SERVICE_NAME]: process.env.OTEL_SERVICE_NAME || options.serviceName });
  const processor: SpanProcessor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  // Global tracer provider, AsyncLocalStorage context and W3C trace-context propagation.
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => QUIET_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
        requestHook: (span) => withoutQuery(span),
      }),
      // Queries of a request or an activity only (not the sweeps'); statements, never parameters.
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  const workflowInterceptorModule = createRequire(import.meta.url).resolve(
    '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
  );
  active = {
    clientInterceptors: [new OpenTelemetryWorkflowClientInterceptor()],
    worker: {
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
      sinks: { exporter: makeWorkflowExporter(processor, resource) },
      workflowInterceptorModule,
    },
    shutdown: async () => {
      unregister();
      await provider.shutdown();
      trace.disable();
      active = null;
    },
  };
  return active;
}

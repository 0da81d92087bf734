import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Leadflow's Prometheus metrics, one registry per process (an API server with its worker in
 * process shares it). Counters count what this process did; sum them over processes in
 * Prometheus. Labels are node types, channels and team ids — never anything about a person.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const leadflowMetrics = {
  leadsCaptured: new Counter({
    name: 'leadflow_leads_captured_total',
    help: 'New leads stored, by capture channel (api, web_form, webhook, csv, …); duplicates and replays are not counted.',
    labelNames: ['channel'] as const,
    registers: [metricsRegistry],
  }),
  runsStarted: new Counter({
    name: 'leadflow_runs_started_total',
    help: 'Lead workflows this process started on Temporal.',
    registers: [metricsRegistry],
  }),
  runsCompleted: new Counter({
    name: 'leadflow_runs_completed_total',
    help: 'Lead runs that reached an end, recorded by this worker.',
    registers: [metricsRegistry],
  }),
  runsErrored: new Counter({
    name: 'leadflow_runs_errored_total',
    help: 'Lead runs parked with an error (a node out of retries), recorded by this worker.',
    registers: [metricsRegistry],
  }),
  steps: new Counter({
    name: 'leadflow_steps_total',
    help: 'Activity node steps run by this worker, by node type, version and result (completed, failed: one attempt that failed).',
    labelNames: ['node_type', 'node_version', 'result'] as const,
    registers: [metricsRegistry],
  }),
  stepSeconds: new Histogram({
    name: 'leadflow_step_duration_seconds',
    help: 'Time an activity node step took on this worker, including its step-trail write, by node type and version.',
    labelNames: ['node_type', 'node_version'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [metricsRegistry],
  }),
  assignments: new Counter({
    name: 'leadflow_assignments_total',
    help: 'Leads assigned to a rep, by team id.',
    labelNames: ['team'] as const,
    registers: [metricsRegistry],
  }),
  notifications: new Counter({
    name: 'leadflow_notifications_total',
    help: 'Notification deliveries by channel (inbox, email, slack, webhook) and status (sent, delivered, skipped, failed).',
    labelNames: ['channel', 'status'] as const,
    registers: [metricsRegistry],
  }),
  sseClients: new Gauge({
    name: 'leadflow_sse_clients',
    help: 'Server-Sent Event streams open on this server (lead lists, inboxes).',
    registers: [metricsRegistry],
  }),
  httpSeconds: new Histogram({
    name: 'leadflow_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [metricsRegistry],
  }),
};

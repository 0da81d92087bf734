import type { Logger as TemporalLogger, LogLevel, LogMetadata } from '@temporalio/worker';
import { type DestinationStream, type LevelWithSilent, type Logger, pino } from 'pino';

/**
 * The process's JSON logger (pino; Fastify logs through a child of it). Silent until a CLI
 * entry point configures it, so tests and embedding hosts print nothing they did not ask for.
 */
let root: Logger = pino({ level: 'silent' });
let configured = false;

/** One JSON object per line on stdout (or `destination`), ISO times, the process's role in `service`. */
export function configureLogging(level: LevelWithSilent, service: string, destination?: DestinationStream): Logger {
  root = pino({ level, base: { service, pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  configured = true;
  return root;
}

/** Whether a CLI entry point (or a test) asked for log lines. */
export function loggingConfigured(): boolean {
  return configured;
}

export function logger(): Logger {
  return root;
}

/** Lead workflows are `lead-<lead id>`. */
const LEAD_WORKFLOW = /^lead-(.+)$/;

/** The fields every line about a lead carries, so one lead's lines are found across processes. */
export function leadFields(
  workflowId: string | undefined,
  runId: string | undefined,
): { leadId?: string; workflowId?: string; runId?: string } {
  const leadId = workflowId ? LEAD_WORKFLOW.exec(workflowId)?.[1] : undefined;
  return { ...(leadId && { leadId }), ...(workflowId && { workflowId }), ...(runId && { runId }) };
}

/** Error texts can quote a recipient (an SMTP refusal names the mailbox); logs keep the rest. */
const EMAIL = /[^\s<>"'@:/]+@[^\s<>"'@]+\.[a-z]{2,}/gi;
export const withoutEmails = (text: string): string => text.replace(EMAIL, '<email>');

/** An SDK log attribute that is an error, reduced to its kind and its message without addresses. */
function safeError(value: unknown): unknown {
  return value instanceof Error ? { type: value.name, message: withoutEmails(value.message) } : value;
}

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal SDK's logger interface on pino: the SDK's, workflows' and activities' lines become
 * JSON lines with `leadId`, `workflowId` and `runId` (the SDK calls it `workflowRunId` in
 * activities) next to the SDK's own attributes.
 */
export class TemporalPinoLogger implements TemporalLogger {
  log(level: LogLevel, message: string, meta: LogMetadata = {}): void {
    const { workflowId, runId, workflowRunId, error, failure, ...rest } = meta as LogMetadata & {
      workflowId?: string;
      runId?: string;
      workflowRunId?: string;
    };
    const errors = {
      ...(error !== undefined && { error: safeError(error) }),
      ...(failure !== undefined && { failure: safeError(failure) }),
    };
    root[LEVELS[level] ?? 'info'](
      { ...leadFields(workflowId, runId ?? workflowRunId), ...rest, ...errors },
      withoutEmails(message),
    );
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/**
 * The logger Fastify logs requests through: the request line shows the path without its query
 * string (a lead search's `?q=` may be an email address) and no headers (tokens).
 */
export function httpLogger(): Logger {
  return root.child(
    { component: 'http' },
    {
      serializers: {
        req: (request: { method?: string; url?: string; ip?: string; routeOptions?: { url?: string } }) => ({
          method: request.method,
          path: (request.url ?? '').split('?')[0],
          route: request.routeOptions?.url,
          remoteAddress: request.ip,
        }),
      },
    },
  );
}

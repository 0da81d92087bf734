import { readOperationsConfig } from '../operations-config.js';
import { configureLogging } from './logger.js';
import { startTracing, tracingConfigured } from './tracing.js';

/**
 * The first thing a Leadflow process does: JSON logging at LOG_LEVEL and, when an OTLP endpoint
 * is configured, tracing — before Fastify, pg and the Temporal SDK are loaded, so the HTTP and
 * pg instrumentations see them load. Entry points import the rest of Leadflow after this.
 */
export function bootObservability(
  service: 'leadflow-server' | 'leadflow-worker',
  env: NodeJS.ProcessEnv = process.env,
): void {
  const { logLevel } = readOperationsConfig(env);
  configureLogging(logLevel, service);
  if (tracingConfigured(env)) startTracing({ serviceName: service });
}

import type { LevelWithSilent } from 'pino';

/**
 * How a Leadflow process runs in production: metrics, logs, migrations, shutdown. Read with the
 * rest of the configuration (`readConfig`); tracing reads the standard OTEL_* variables itself,
 * because it must be set up before the modules it instruments are loaded.
 */
export interface OperationsConfig {
  /**
   * LEADFLOW_METRICS_PORT: a port of its own for `/metrics`, `/healthz` and `/readyz` (what a
   * standalone worker, which has no API port, is scraped on). Unset: a worker serves none, and
   * the API server serves them on its API port only.
   */
  metricsPort: number | undefined;
  /** LOG_LEVEL: pino's levels (`trace` … `fatal`, `silent`); default info, warn when everything is embedded. */
  logLevel: LevelWithSilent;
  /**
   * LEADFLOW_MIGRATE=off: do not migrate at start (`npm run migrate` is a deploy step of its own);
   * the server then answers `/readyz` with 503 until the schema is current.
   */
  migrateOnStart: boolean;
  /**
   * LEADFLOW_SHUTDOWN_DELAY_MS: on SIGTERM, how long `/readyz` answers 503 while requests are
   * still served, so a load balancer stops sending before the listener closes.
   */
  shutdownDelayMs: number;
  /**
   * LEADFLOW_SHUTDOWN_GRACE_MS: how long in-flight requests and the worker's running activities
   * get to finish once shutdown begins.
   */
  shutdownGraceMs: number;
}

const LOG_LEVELS: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

function whole(value: string | undefined, fallback: number, name: string, what: string): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be ${what}, got '${value}'`);
  return number;
}

export function readOperationsConfig(env: NodeJS.ProcessEnv): OperationsConfig {
  // Embedded (`npm start` on a laptop): warnings only, so the start banner stays readable.
  const logLevel = (env.LOG_LEVEL || (env.TEMPORAL_ADDRESS || env.DATABASE_URL ? 'info' : 'warn')).toLowerCase();
  if (!LOG_LEVELS.includes(logLevel))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got '${env.LOG_LEVEL}'`);
  const migrate = (env.LEADFLOW_MIGRATE || 'on').toLowerCase();
  if (migrate !== 'on' && migrate !== 'off')
    throw new Error(`LEADFLOW_MIGRATE must be on or off, got '${env.LEADFLOW_MIGRATE}'`);
  const metricsPort = env.LEADFLOW_METRICS_PORT
    ? whole(env.LEADFLOW_METRICS_PORT, 0, 'LEADFLOW_METRICS_PORT', 'a port number')
    : undefined;
  return {
    metricsPort,
    logLevel: logLevel as LevelWithSilent,
    migrateOnStart: migrate === 'on',
    shutdownDelayMs: whole(
      env.LEADFLOW_SHUTDOWN_DELAY_MS,
      0,
      'LEADFLOW_SHUTDOWN_DELAY_MS',
      'a whole number of milliseconds',
    ),
    shutdownGraceMs: whole(
      env.LEADFLOW_SHUTDOWN_GRACE_MS,
      30_000,
      'LEADFLOW_SHUTDOWN_GRACE_MS',
      'a whole number of milliseconds',
    ),
  };
}

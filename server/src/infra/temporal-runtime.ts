import { DefaultLogger, type Logger, type LogLevel, Runtime } from '@temporalio/worker';

export interface TemporalRuntimeOptions {
  /** Where the SDK's (and workflows' and activities') log lines go; default: stderr, warnings and up. */
  logger?: Logger;
  /** Serve the SDK's own metrics (Prometheus text) on this loopback port; read them with `temporalSdkMetricsUrl`. */
  metricsPort?: number;
}

let installed = false;
let metricsUrl: string | null = null;

/**
 * Installs the Temporal SDK's runtime once per process, before the first worker connection.
 * Temporal's worker logs every state change at INFO; by default Leadflow shows warnings and
 * errors only. A level alone keeps the old call style.
 */
export function installTemporalRuntime(options: LogLevel | TemporalRuntimeOptions = {}): void {
  if (installed) return;
  installed = true;
  const { logger, metricsPort } =
    typeof options === 'string' ? { logger: new DefaultLogger(options), metricsPort: undefined } : options;
  const level = (process.env.LEADFLOW_TEMPORAL_LOG_LEVEL as LogLevel | undefined) ?? 'WARN';
  try {
    Runtime.install({
      logger: logger ?? new DefaultLogger(level),
      // Leadflow's processes stop their workers themselves, after draining (see lifecycle/).
      shutdownSignals: [],
      telemetryOptions: {
        // The core's own lines go through the same logger, so they are JSON lines like the rest.
        ...(logger && { logging: { filter: { core: level, other: 'ERROR' }, forward: {} } }),
        ...(metricsPort !== undefined && {
          metrics: {
            prometheus: {
              bindAddress: `127.0.0.1:${metricsPort}`,
              countersTotalSuffix: true,
              useSecondsForDurations: true,
            },
          },
        }),
      },
    });
    if (metricsPort !== undefined) metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  } catch {
    // A runtime already exists (a host installed its own): keep it.
  }
}

/** Where the SDK's metrics are served, when this process's runtime exports them. */
export function temporalSdkMetricsUrl(): string | null {
  return metricsUrl;
}

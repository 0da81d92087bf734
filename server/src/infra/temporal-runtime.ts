import { DefaultLogger, type LogLevel, Runtime } from '@temporalio/worker';

let installed = false;

/** Temporal's worker logs every state change at INFO; Leadflow shows warnings and errors only. */
export function installTemporalRuntime(level: LogLevel = (process.env.LEADFLOW_TEMPORAL_LOG_LEVEL as LogLevel | undefined) ?? 'WARN'): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch {
    // A runtime already exists (a host installed its own): keep it.
  }
}

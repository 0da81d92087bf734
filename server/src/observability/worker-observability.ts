import type { WorkerInterceptors, WorkerOptions } from '@temporalio/worker';
import { freePort } from '@leadflow/engine/local-services';
import { installTemporalRuntime } from '../infra/temporal-runtime.js';
import { loggingConfigured, TemporalPinoLogger } from './logger.js';
import { stepObserverInterceptors } from './step-observer.js';
import { tracing } from './tracing.js';

/**
 * The Temporal runtime a worker process needs: the SDK's metrics exported (read back by
 * `/metrics`), and its log lines — the SDK's, workflows' and activities' — as JSON lines with the
 * lead's ids once logging is configured. Once per process; later calls keep the first runtime.
 */
export async function installWorkerRuntime(): Promise<void> {
  installTemporalRuntime({
    metricsPort: await freePort(),
    ...(loggingConfigured() && { logger: new TemporalPinoLogger() }),
  });
}

/** Interceptors, sinks and workflow interceptor modules for the lead worker: metrics always, traces when tracing runs. */
export function workerObservability(): {
  interceptors: WorkerInterceptors;
  sinks?: WorkerOptions['sinks'];
  workflowInterceptorModules: string[];
} {
  const traces = tracing();
  return {
    interceptors: { activity: [stepObserverInterceptors, ...(traces?.worker.activity ?? [])] },
    ...(traces && { sinks: traces.worker.sinks }),
    workflowInterceptorModules: traces ? [traces.worker.workflowInterceptorModule] : [],
  };
}

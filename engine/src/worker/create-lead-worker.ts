import type { PayloadCodec } from '@temporalio/common';
import {
  bundleWorkflowCode,
  NativeConnection,
  Worker,
  type WorkerInterceptors,
  type WorkerOptions,
  type WorkflowBundle,
} from '@temporalio/worker';
import { LEAD_TASK_QUEUE } from '../workflow/messages.js';
import type { LeadActivities } from './create-activities.js';

export interface LeadWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue?: string;
  /** Module exporting `leadWorkflow` (e.g. `@leadflow/nodes/workflows`), bundled for the sandbox. */
  workflowsPath?: string;
  /** A bundle made once by `bundleLeadWorkflows`; starting many workers then skips webpack. */
  workflowBundle?: WorkflowBundle;
  activities: LeadActivities;
  maxConcurrentActivityTaskExecutions?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  maxCachedWorkflows?: number;
  /** @default true (Temporal's default): workflows share one V8 context instead of one each. */
  reuseV8Context?: boolean;
  /** Activity interceptors and the like (metrics, tracing); workflow interceptors go into the bundle. */
  interceptors?: WorkerInterceptors;
  sinks?: WorkerOptions['sinks'];
  /** How long running activities get to finish after shutdown is asked for. @default 0 */
  shutdownGraceTimeMs?: number;
  /** @default Temporal's `<pid>@<hostname>` */
  identity?: string;
  /** Encrypts every payload the worker sends to Temporal and decrypts what it reads. */
  payloadCodec?: PayloadCodec;
}

/** The failure converter module the worker and its bundle use (see failure-converter.ts). */
export const failureConverterPath = new URL('./failure-converter.js', import.meta.url).pathname;

/**
 * Bundles the workflow code. `preloadModules` are initialized once, when the worker's V8 context
 * starts, and shared (frozen) by every workflow, instead of initialized again for each workflow
 * the worker runs or replays: only for modules with no per-workflow state (node definitions).
 */
export async function bundleLeadWorkflows(
  workflowsPath: string,
  preloadModules: readonly string[] = [],
  workflowInterceptorModules: readonly string[] = [],
): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath,
    preloadModules: [...preloadModules],
    workflowInterceptorModules: [...workflowInterceptorModules],
    failureConverterPath,
    logger: quietBundlerLogger,
  });
}

export async function createLeadWorker(options: LeadWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? LEAD_TASK_QUEUE,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: options.workflowsPath }),
    activities: options.activities,
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 100,
    maxConcurrentWorkflowTaskExecutions: options.maxConcurrentWorkflowTaskExecutions ?? 40,
    maxCachedWorkflows: options.maxCachedWorkflows ?? 2000,
    reuseV8Context: options.reuseV8Context ?? true,
    dataConverter: { failureConverterPath, ...(options.payloadCodec && { payloadCodecs: [options.payloadCodec] }) },
    ...(options.interceptors && { interceptors: options.interceptors }),
    ...(options.sinks && { sinks: options.sinks }),
    ...(options.shutdownGraceTimeMs !== undefined && { shutdownGraceTime: options.shutdownGraceTimeMs }),
    ...(options.identity && { identity: options.identity }),
  });
}

const noop = (): void => undefined;
const quietBundlerLogger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: console.warn,
  error: console.error,
  log: noop,
};

export { NativeConnection };

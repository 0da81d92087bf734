/** Sandbox-safe: imported by the workflow bundle. No I/O, no Node built-ins. */
export { createLeadWorkflow } from './create-lead-workflow.js';
export {
  awaitAssignmentUpdate,
  leadEventSignal,
  leadMailSignal,
  leadStateQuery,
  leadWorkflowId,
  LEAD_TASK_QUEUE,
  migrateUpdate,
} from './messages.js';
export * from './lead-run.js';
export {
  PRUNE_STEP_DATA_WORKFLOW,
  pruneStepDataWorkflow,
  type PruneStepDataInput,
  type PruneStepDataResult,
  type StepRetentionActivities,
} from './prune-step-data-workflow.js';

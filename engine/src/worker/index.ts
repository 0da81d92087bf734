/** Node-only: activities and the Temporal worker. Never imported by workflow code. */
export { createActivities, type ActivitySetOptions, type LeadActivities } from './create-activities.js';
export {
  bundleLeadWorkflows,
  createLeadWorker,
  failureConverterPath,
  NativeConnection,
  type LeadWorkerOptions,
} from './create-lead-worker.js';
export {
  defineNodeActivity,
  type ActivityServices,
  type HttpSettings,
  type MailSettings,
  type NodeActivity,
  type NodeActivityContext,
} from './node-activity.js';

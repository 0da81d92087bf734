import { NodeRegistry } from '@leadflow/engine';
import { nodeDefinitions } from './catalog.js';

export { nodeDefinitions } from './catalog.js';
export {
  intakeLead,
  type IntakeError,
  type CaptureIntakeConfig,
  type IntakeHints,
  type IntakeResult,
  type NormalizedLead,
  type RawLead,
  type Touch,
} from './capture/intake.js';
export {
  capture,
  captureConfigSchema,
  DEFAULT_MERGE_POLICY,
  MERGE_POLICIES,
  type MergePolicy,
} from './capture/definition.js';
export { parseDuration } from './wait/duration.js';
export { DISQUALIFICATION_REASONS, type DisqualificationReason, REASON_LABELS } from './disqualify/definition.js';
export { INBOX_NOTIFY_CHANNEL } from './notify/inbox-channel.js';

/** The registry of every node type this library ships. */
export const nodeRegistry = new NodeRegistry(nodeDefinitions);

/** Absolute path of the catalog module (`nodeDefinitions`), for a workflow entry that adds node packages to it. */
export const catalogModulePath: string = new URL('./catalog.js', import.meta.url).pathname;

/** Absolute path of the workflow bundle entry, for `Worker.create({ workflowsPath })`. */
export const workflowsPath = new URL('./workflows.js', import.meta.url).pathname;

/**
 * Modules the workflow bundle initializes once per worker rather than once per workflow: the node
 * catalog (definitions, config schemas, the expression parser), which holds no per-workflow state.
 */
export const workflowPreloadModules: readonly string[] = [catalogModulePath];
export {
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
  signatureHeader,
  signPayload,
  type SignatureCheck,
  verifySignature,
} from './shared/webhook-signature.js';

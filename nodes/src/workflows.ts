/**
 * The workflow bundle's entry: the engine's interpreter with this library's node definitions, and
 * the step-data retention workflow its schedule starts. Bundled into Temporal's sandbox, so it
 * imports only sandbox-safe modules.
 */
import { createLeadWorkflow } from '@leadflow/engine/workflow';
import { nodeDefinitions } from './catalog.js';

export const leadWorkflow = createLeadWorkflow(nodeDefinitions);

export { pruneStepDataWorkflow } from '@leadflow/engine/workflow';

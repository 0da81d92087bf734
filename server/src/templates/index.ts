import { eventFollowUp } from './event-follow-up.js';
import { inboundDemoSla } from './inbound-demo-sla.js';
import { nurtureRecycle } from './nurture-recycle.js';
import type { WorkflowTemplate } from './template-builder.js';
import { territoryRouting } from './territory-routing.js';

export type { WorkflowTemplate } from './template-builder.js';

/** Workflows to start from, built from the lead-management guides; served at /api/workflow-templates. */
export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  inboundDemoSla,
  territoryRouting,
  nurtureRecycle,
  eventFollowUp,
];

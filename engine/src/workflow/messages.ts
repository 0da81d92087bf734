import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { LeadEvent } from '../lead/lead-event.js';
import type { LeadStateView } from './lead-run.js';

/** An outside event (contacted, replied, resubmitted, …) delivered to a running lead. */
export const leadEventSignal = defineSignal<[LeadEvent]>('leadEvent');

/** The current node, what the lead waits for, and its fields as the workflow sees them. */
export const leadStateQuery = defineQuery<LeadStateView>('leadState');

export const LEAD_TASK_QUEUE = 'leadflow-leads';

/** Derived from the lead id, so a lead can never run twice by accident. */
export function leadWorkflowId(leadId: string): string {
  return `lead-${leadId}`;
}

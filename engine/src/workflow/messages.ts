import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { LeadEvent } from '../lead/lead-event.js';
import type { AssignmentAnswer, LeadStateView } from './lead-run.js';

/** An outside event (contacted, replied, resubmitted, …) delivered to a running lead. */
export const leadEventSignal = defineSignal<[LeadEvent]>('leadEvent');

/** The current node, what the lead waits for, and its fields as the workflow sees them. */
export const leadStateQuery = defineQuery<LeadStateView>('leadState');

/**
 * Answers once the lead has an owner, or once its run stops without one (reaches a wait, parks on
 * an error, or ends). Sent with update-with-start by a capture that asked to wait for assignment.
 */
export const awaitAssignmentUpdate = defineUpdate<AssignmentAnswer>('awaitAssignment');

export const LEAD_TASK_QUEUE = 'leadflow-leads';

/** Derived from the lead id, so a lead can never run twice by accident. */
export function leadWorkflowId(leadId: string): string {
  return `lead-${leadId}`;
}

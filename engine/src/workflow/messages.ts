import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { LeadEvent } from '../lead/lead-event.js';
import type { AssignmentAnswer, LeadStateView, MigrateAnswer, MigrateRequest } from './lead-run.js';

/**
 * An outside event delivered as a data signal. Runs from before event mail took events this way;
 * the handler stays so their histories replay. Nothing sends it any more.
 */
export const leadEventSignal = defineSignal<[LeadEvent]>('leadEvent');

/**
 * The doorbell: new events wait in the lead's mail (Postgres), the newest with this sequence
 * number. Carries no data (no personal data in Temporal, no event lost with a lost signal): the
 * run reads its mail by a local activity. Ringing twice is harmless.
 */
export const leadMailSignal = defineSignal<[{ seq: number }]>('leadMail');

/** Moves a waiting lead onto another version of its workflow; refused unless it waits where the caller thinks. */
export const migrateUpdate = defineUpdate<MigrateAnswer, [MigrateRequest]>('migrate');

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

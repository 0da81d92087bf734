import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';

const { EventType } = proto.temporal.api.enums.v1;

/** What one lead cost Temporal, averaged over the leads sampled: the work the dev server does per lead. */
export interface TemporalCost {
  leadsSampled: number;
  /** History events, every run of the lead's workflow together. */
  events: number;
  workflowTasks: number;
  activityTasks: number;
  localActivities: number;
  signals: number;
}

const clients = new Map<string, Promise<Client>>();

function clientFor(address: string): Promise<Client> {
  let client = clients.get(address);
  if (!client)
    clients.set(address, (client = Connection.connect({ address }).then((connection) => new Client({ connection }))));
  return client;
}

/**
 * Reads the histories of up to `sample` finished leads (raw: no payload is decrypted, only event
 * types are counted) and averages what each cost Temporal.
 */
export async function temporalCostPerLead(
  address: string,
  leadIds: readonly string[],
  sample = 20,
): Promise<TemporalCost> {
  const client = await clientFor(address);
  const chosen = leadIds.slice(0, sample);
  const totals = { events: 0, workflowTasks: 0, activityTasks: 0, localActivities: 0, signals: 0 };
  for (const id of chosen) {
    for await (const execution of client.workflow.list({ query: `WorkflowId = 'lead-${id}'` })) {
      const history = await client.workflow.getHandle(`lead-${id}`, execution.runId).fetchHistory();
      for (const event of history.events ?? []) {
        totals.events++;
        if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) totals.workflowTasks++;
        if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) totals.activityTasks++;
        if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) totals.signals++;
        if (event.markerRecordedEventAttributes?.markerName === 'core_local_activity') totals.localActivities++;
      }
    }
  }
  const per = (n: number) => Math.round((10 * n) / Math.max(1, chosen.length)) / 10;
  return {
    leadsSampled: chosen.length,
    events: per(totals.events),
    workflowTasks: per(totals.workflowTasks),
    activityTasks: per(totals.activityTasks),
    localActivities: per(totals.localActivities),
    signals: per(totals.signals),
  };
}

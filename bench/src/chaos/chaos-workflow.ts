import type { GraphDocument } from '@leadflow/engine';

const at = (x: number, y = 0) => ({ x: x * 240, y });

/**
 * The load the chaos run drives: assign round robin → alert the owner by email and webhook → wait
 * for `contacted` up to the SLA → on a miss, alert the manager, reassign away from the owner,
 * alert the new owner and wait again. Every lead ends `contacted` once its rep says so.
 */
export function chaosWorkflow(team: string, sla: string, webhookUrl: string): GraphDocument {
  const assign = (excludeCurrentOwner: boolean) => ({
    source: 'team',
    team,
    strategy: 'round_robin',
    requireSkills: [],
    requireLanguages: [],
    respectWorkingHours: false,
    respectCapacity: false,
    ...(excludeCurrentOwner && { excludeCurrentOwner }),
  });
  const notify = (to: 'owner' | 'team_manager', subject: string) => ({
    channels: ['email', 'webhook'],
    to,
    subject,
    body: 'Lead {{email}}, score {{score}}',
    webhookUrl,
  });
  return {
    name: 'chaos: SLA with reassignment',
    nodes: [
      {
        id: 'capture',
        type: 'capture',
        typeVersion: 1,
        position: at(0),
        config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
      },
      { id: 'assign', type: 'assign', typeVersion: 2, position: at(1), config: assign(false) },
      { id: 'alert', type: 'notify', typeVersion: 2, position: at(2), config: notify('owner', 'New lead: {{email}}') },
      {
        id: 'await-contact',
        type: 'wait',
        typeVersion: 1,
        position: at(3),
        config: { mode: 'event', events: ['contacted'], timeout: sla },
      },
      {
        id: 'done',
        type: 'end',
        typeVersion: 1,
        position: at(4),
        config: { outcome: 'contacted', status: 'contacted' },
      },
      {
        id: 'escalate',
        type: 'notify',
        typeVersion: 2,
        position: at(4, 160),
        config: notify('team_manager', 'SLA missed: {{email}}'),
      },
      { id: 'reassign', type: 'assign', typeVersion: 2, position: at(5, 160), config: assign(true) },
      {
        id: 'alert-new',
        type: 'notify',
        typeVersion: 2,
        position: at(6, 160),
        config: notify('owner', 'Reassigned to you: {{email}}'),
      },
      {
        id: 'nobody',
        type: 'end',
        typeVersion: 1,
        position: at(2, 320),
        config: { outcome: 'nobody available', status: 'unassigned' },
      },
    ],
    edges: [
      { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'assign' },
      { id: 'e2', source: 'assign', sourceHandle: 'assigned', target: 'alert' },
      { id: 'e3', source: 'assign', sourceHandle: 'unassigned', target: 'nobody' },
      { id: 'e4', source: 'alert', sourceHandle: 'out', target: 'await-contact' },
      { id: 'e5', source: 'await-contact', sourceHandle: 'event', target: 'done' },
      { id: 'e6', source: 'await-contact', sourceHandle: 'timeout', target: 'escalate' },
      { id: 'e7', source: 'escalate', sourceHandle: 'out', target: 'reassign' },
      { id: 'e8', source: 'reassign', sourceHandle: 'assigned', target: 'alert-new' },
      { id: 'e9', source: 'reassign', sourceHandle: 'unassigned', target: 'nobody' },
      { id: 'e10', source: 'alert-new', sourceHandle: 'out', target: 'await-contact' },
    ],
  } as GraphDocument;
}

import type { GraphDocument } from '@leadflow/engine';
import { REP_OUTCOME_EVENTS, repOutcomeBranch } from './rep-outcome-nodes.js';

const at = (x: number, y: number) => ({ x, y });

/**
 * The SLA pattern: assign → alert the owner → wait for `contacted` up to `timeout` → on timeout,
 * alert the team manager and reassign to the next rep (never the current owner), alert them, and
 * wait again. The loop passes through the wait, so time always passes between reassignments.
 * A rep's outcome (contacted, meeting booked, disqualified) ends the loop and picks the ending.
 */
export function slaEscalationWorkflow(team = 'inbound', timeout = '5m'): GraphDocument {
  const outcome = repOutcomeBranch('await-contact', 'contacted', {
    'rep-outcome': [852, 736],
    'rep-disqualified': [1200, 937],
    'meeting-booked': [900, 937],
  });
  return {
    name: 'SLA: reassign when not contacted in time',
    nodes: [
      {
        id: 'capture',
        type: 'capture',
        typeVersion: 1,
        position: at(150, 0),
        config: { channels: ['web_form', 'api'], requiredFields: ['email', 'name'], defaultCountry: 'US' },
      },
      {
        id: 'assign',
        type: 'assign',
        typeVersion: 2,
        position: at(150, 184),
        config: {
          source: 'team',
          team,
          strategy: 'round_robin',
          requireSkills: [],
          requireLanguages: [],
          respectWorkingHours: false,
          respectCapacity: true,
        },
      },
      {
        id: 'alert-owner',
        type: 'notify',
        typeVersion: 1,
        position: at(300, 368),
        config: {
          channels: ['inbox', 'email'],
          to: 'owner',
          subject: 'New lead: {{fullName}}',
          body: 'Contact {{fullName}} within ' + timeout + '.',
        },
      },
      {
        id: 'await-contact',
        type: 'wait',
        typeVersion: 1,
        position: at(300, 552),
        config: { mode: 'event', events: REP_OUTCOME_EVENTS, timeout },
      },
      ...outcome.nodes,
      {
        id: 'contacted',
        type: 'end',
        typeVersion: 1,
        position: at(600, 937),
        config: { outcome: 'contacted within SLA', status: 'contacted' },
      },
      {
        id: 'escalate',
        type: 'notify',
        typeVersion: 1,
        position: at(300, 736),
        config: {
          channels: ['inbox', 'email'],
          to: 'team_manager',
          subject: 'SLA missed: {{fullName}} ({{ownerName}})',
          body: '{{ownerName}} did not contact {{fullName}} within ' + timeout + '; reassigning.',
        },
      },
      {
        id: 'reassign',
        type: 'assign',
        typeVersion: 2,
        position: at(300, 920),
        config: {
          source: 'team',
          team,
          strategy: 'round_robin',
          requireSkills: [],
          requireLanguages: [],
          respectWorkingHours: false,
          respectCapacity: false,
          excludeCurrentOwner: true,
        },
      },
      {
        id: 'alert-new-owner',
        type: 'notify',
        typeVersion: 1,
        position: at(10, 1104),
        config: {
          channels: ['inbox', 'email'],
          to: 'owner',
          subject: 'Reassigned to you: {{fullName}}',
          body: 'The previous owner missed the SLA. Contact {{fullName}} now.',
        },
      },
      {
        id: 'nobody-left',
        type: 'end',
        typeVersion: 1,
        position: at(310, 1121),
        config: { outcome: 'nobody left to reassign to', status: 'unassigned' },
      },
      {
        id: 'unassigned',
        type: 'end',
        typeVersion: 1,
        position: at(0, 385),
        config: { outcome: 'nobody available', status: 'unassigned' },
      },
    ],
    edges: [
      { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'assign' },
      { id: 'e2', source: 'assign', sourceHandle: 'assigned', target: 'alert-owner' },
      { id: 'e3', source: 'assign', sourceHandle: 'unassigned', target: 'unassigned' },
      { id: 'e4', source: 'alert-owner', sourceHandle: 'out', target: 'await-contact' },
      ...outcome.edges,
      { id: 'e6', source: 'await-contact', sourceHandle: 'timeout', target: 'escalate' },
      { id: 'e7', source: 'escalate', sourceHandle: 'out', target: 'reassign' },
      { id: 'e8', source: 'reassign', sourceHandle: 'assigned', target: 'alert-new-owner' },
      { id: 'e9', source: 'reassign', sourceHandle: 'unassigned', target: 'nobody-left' },
      { id: 'e10', source: 'alert-new-owner', sourceHandle: 'out', target: 'await-contact' },
    ],
  };
}

import { assignConfig, edges, eitherWay, node, type WorkflowTemplate } from './template-builder.js';

const ENGAGED = ['contacted', 'replied', 'meeting_booked'];

/** Event follow-up: badge scans get a dated call cadence (day 1, day 3, day 7), then go to nurture. */
export const eventFollowUp: WorkflowTemplate = {
  id: 'event-follow-up',
  name: 'Event follow-up cadence',
  description:
    'Badge scans from a trade show or webinar are imported, given to the events team and worked on a cadence: a call task on day 1, another on day 3, a last touch on day 7. Leads that never respond are recycled.',
  practice:
    'Event leads go cold fast: follow up within a day, keep a short multi-touch cadence, and recycle the ones that do not answer.',
  document: {
    name: 'Event follow-up cadence',
    nodes: [
      node('capture', 'Badge scans', 'capture', 1, [1, 0], {
        channels: ['csv', 'api'],
        requiredFields: ['email', 'name'],
        defaultCountry: 'US',
      }),
      node('enrich', 'Enrich company', 'enrich', 1, [1, 1], {
        providers: ['email_type', 'company_domain', 'known_accounts'],
        want: ['companyDomain'],
      }),
      node('assign', 'Assign the events team', 'assign', 2, [1, 2], assignConfig('team', 'inbound')),
      node('day-1', 'Day 1: call', 'task', 1, [1, 3], {
        title: 'Day 1: call {{fullName}} from the event',
        dueIn: '1d',
        priority: 'high',
      }),
      node('wait-1', 'Wait 2 days for a reply', 'wait', 1, [1, 4], { mode: 'event', events: ENGAGED, timeout: '2d' }),
      node('day-3', 'Day 3: second call', 'task', 1, [2, 5], {
        title: 'Day 3: second call to {{fullName}}',
        dueIn: '1d',
        priority: 'normal',
      }),
      node('wait-3', 'Wait 4 days for a reply', 'wait', 1, [2, 6], { mode: 'event', events: ENGAGED, timeout: '4d' }),
      node('day-7', 'Day 7: last touch', 'task', 1, [3, 7], {
        title: 'Day 7: last email to {{fullName}}',
        dueIn: '1d',
        priority: 'low',
      }),
      node('recycle', 'Recycle: no response', 'recycle', 1, [3, 8], {
        reengageOn: ['replied', 'demo_requested'],
        revisitAfter: '60d',
        reason: 'no response after the event cadence',
      }),
      node('engaged', 'Engaged', 'end', 1, [0, 6], { outcome: 'engaged during the cadence', status: 'working' }),
      node('back', 'Came back', 'end', 1, [3, 9], { outcome: 're-engaged after the event' }),
      node('unassigned', 'Unassigned queue', 'end', 1, [2, 3], { outcome: 'nobody available', status: 'unassigned' }),
    ],
    edges: edges([
      ['capture', 'out', 'enrich'],
      ...eitherWay('enrich', 'assign'),
      ['assign', 'assigned', 'day-1'],
      ['assign', 'unassigned', 'unassigned'],
      ['day-1', 'out', 'wait-1'],
      ['wait-1', 'event', 'engaged'],
      ['wait-1', 'timeout', 'day-3'],
      ['day-3', 'out', 'wait-3'],
      ['wait-3', 'event', 'engaged'],
      ['wait-3', 'timeout', 'day-7'],
      ['day-7', 'out', 'recycle'],
      ['recycle', 're_engaged', 'back'],
      ['recycle', 'revisit', 'back'],
    ]),
  },
};

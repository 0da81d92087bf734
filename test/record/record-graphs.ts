import type { GraphDocument } from '@leadflow/engine';

type Node = GraphDocument['nodes'][number];
type Edge = GraphDocument['edges'][number];

const at = (x: number, y = 0) => ({ x: x * 240, y });
const capture: Node = {
  id: 'capture',
  type: 'capture',
  typeVersion: 1,
  position: at(0),
  config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
};
const assign: Node = {
  id: 'assign',
  type: 'assign',
  typeVersion: 1,
  position: at(1),
  config: { strategy: 'round_robin', team: 'inbound' },
};
const nobody: Node = {
  id: 'nobody',
  type: 'end',
  typeVersion: 1,
  position: at(2, 200),
  config: { outcome: 'nobody available', status: 'unassigned' },
};
const edge = (id: string, source: string, sourceHandle: string, target: string): Edge => ({
  id,
  source,
  sourceHandle,
  target,
});

/** Every newer node type on one path: enrich v2 from a vendor, score v2, split, update, http, wait v2 with a condition, notify v2 webhook, recycle. */
export function everyNodeGraph(outside: string): GraphDocument {
  return {
    name: 'every node type',
    nodes: [
      capture,
      {
        id: 'enrich',
        type: 'enrich',
        typeVersion: 2,
        position: at(1),
        config: {
          providers: [
            { kind: 'email_type' },
            { kind: 'company_domain' },
            {
              kind: 'http',
              name: 'vendor',
              url: `${outside}/companies?domain={{companyDomain}}`,
              fieldMap: [
                { from: 'category.industry', to: 'industry' },
                { from: 'metrics.employees', to: 'employees' },
              ],
              timeout: '2s',
              retries: 0,
            },
          ],
          want: ['companyDomain', 'industry', 'employees'],
        },
      },
      {
        id: 'score',
        type: 'score',
        typeVersion: 2,
        position: at(2),
        config: {
          fitRules: [{ label: 'mid-market', when: 'employees >= 100', points: 60 }],
          intentRules: [{ label: 'demo request', when: 'source == "demo_request"', points: 60 }],
          eventRules: [
            { label: 'pricing', event: 'page_visited', urlContains: '/pricing', points: 10, halfLife: '14d' },
          ],
          fitThreshold: 50,
          intentThreshold: 50,
          mqlThreshold: 60,
          sqlThreshold: 100,
        },
      },
      {
        id: 'split',
        type: 'split',
        typeVersion: 1,
        position: at(3),
        config: {
          variants: [
            { port: 'a', percent: 50 },
            { port: 'b', percent: 50 },
          ],
        },
      },
      {
        id: 'mark-a',
        type: 'update',
        typeVersion: 1,
        position: at(4, -80),
        config: { set: [{ field: 'custom.variant', value: '"a"' }] },
      },
      {
        id: 'mark-b',
        type: 'update',
        typeVersion: 1,
        position: at(4, 80),
        config: { set: [{ field: 'custom.variant', value: '"b"' }] },
      },
      {
        id: 'crm',
        type: 'http',
        typeVersion: 1,
        position: at(5),
        config: {
          method: 'POST',
          url: `${outside}/crm/contacts`,
          headers: {},
          body: '{"email": "{{email}}"}',
          timeout: '2s',
          saveAs: [{ from: 'id', to: 'crmId' }],
        },
      },
      {
        id: 'bad-crm',
        type: 'disqualify',
        typeVersion: 1,
        position: at(6, 160),
        config: { reason: 'bad_data', note: 'the CRM refused the contact' },
      },
      {
        id: 'engaged',
        type: 'wait',
        typeVersion: 2,
        position: at(6),
        config: { mode: 'event', events: ['page_visited'], condition: 'events.page_visited >= 2', timeout: '1h' },
      },
      { id: 'cold', type: 'end', typeVersion: 1, position: at(7, 160), config: { outcome: 'never came back' } },
      {
        id: 'hook',
        type: 'notify',
        typeVersion: 2,
        position: at(7),
        config: {
          channels: ['webhook'],
          to: 'owner',
          subject: 'Engaged: {{email}}',
          body: 'Visited {{events.page_visited}} times',
          webhookUrl: `${outside}/hook`,
        },
      },
      {
        id: 'nurture',
        type: 'recycle',
        typeVersion: 1,
        position: at(8),
        config: { reengageOn: ['demo_requested'], revisitAfter: '90d' },
      },
      { id: 'back', type: 'end', typeVersion: 1, position: at(9), config: { outcome: 'back from nurture' } },
      { id: 'revisit', type: 'end', typeVersion: 1, position: at(9, 160), config: { outcome: 'revisit date' } },
    ],
    edges: [
      edge('e1', 'capture', 'out', 'enrich'),
      edge('e2', 'enrich', 'enriched', 'score'),
      edge('e3', 'enrich', 'empty', 'score'),
      edge('e4', 'score', 'out', 'split'),
      edge('e5', 'split', 'a', 'mark-a'),
      edge('e6', 'split', 'b', 'mark-b'),
      edge('e7', 'mark-a', 'out', 'crm'),
      edge('e8', 'mark-b', 'out', 'crm'),
      edge('e9', 'crm', 'ok', 'engaged'),
      edge('e10', 'crm', 'failed', 'bad-crm'),
      edge('e11', 'engaged', 'event', 'hook'),
      edge('e12', 'engaged', 'timeout', 'cold'),
      edge('e13', 'hook', 'out', 'nurture'),
      edge('e14', 'nurture', 're_engaged', 'back'),
      edge('e15', 'nurture', 'revisit', 'revisit'),
    ],
  };
}

/** A wait in a loop: each `replied` goes round once more (update, back to the wait) until `contacted`; long lives continue as new. */
export function loopGraph(): GraphDocument {
  return {
    name: 'loop until contacted',
    nodes: [
      capture,
      {
        id: 'await',
        type: 'wait',
        typeVersion: 1,
        position: at(1),
        config: { mode: 'event', events: ['replied', 'contacted'], timeout: '1h' },
      },
      {
        id: 'check',
        type: 'branch',
        typeVersion: 1,
        position: at(2),
        config: { cases: [{ port: 'contacted', label: 'Contacted', when: 'events.contacted >= 1' }] },
      },
      {
        id: 'again',
        type: 'update',
        typeVersion: 1,
        position: at(3),
        config: { set: [{ field: 'custom.round', value: '"again"' }] },
      },
      { id: 'done', type: 'end', typeVersion: 1, position: at(3, 160), config: { outcome: 'contacted' } },
      { id: 'quiet', type: 'end', typeVersion: 1, position: at(2, 160), config: { outcome: 'quiet' } },
    ],
    edges: [
      edge('e1', 'capture', 'out', 'await'),
      edge('e2', 'await', 'event', 'check'),
      edge('e3', 'await', 'timeout', 'quiet'),
      edge('e4', 'check', 'contacted', 'done'),
      edge('e5', 'check', 'default', 'again'),
      edge('e6', 'again', 'out', 'await'),
    ],
  };
}

/** Assign, then an email: with SMTP down, the notify activity spends its retries and the lead parks. */
export function parkGraph(): GraphDocument {
  return {
    name: 'alert by email',
    nodes: [
      capture,
      assign,
      {
        id: 'alert',
        type: 'notify',
        typeVersion: 1,
        position: at(2),
        config: { channels: ['email'], to: 'owner', subject: 'Lead {{email}}', body: 'Call now' },
      },
      { id: 'done', type: 'end', typeVersion: 1, position: at(3), config: { outcome: 'alerted' } },
      nobody,
    ],
    edges: [
      edge('a', 'capture', 'out', 'assign'),
      edge('b', 'assign', 'assigned', 'alert'),
      edge('c', 'assign', 'unassigned', 'nobody'),
      edge('d', 'alert', 'out', 'done'),
    ],
  };
}

/** Wait v2 until business time: the next business hour (now, every day open all day), then the next business day (hours away). */
export function businessHoursGraph(): GraphDocument {
  const allWeek = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  return {
    name: 'business hours',
    nodes: [
      capture,
      assign,
      {
        id: 'next-hour',
        type: 'wait',
        typeVersion: 2,
        position: at(2),
        config: { mode: 'until', at: 'next_business_hour', time: '00:00', closeTime: '23:59', businessDays: allWeek },
      },
      {
        id: 'next-day',
        type: 'wait',
        typeVersion: 2,
        position: at(3),
        config: { mode: 'until', at: 'next_business_day', time: '09:00', timezone: 'owner' },
      },
      { id: 'done', type: 'end', typeVersion: 1, position: at(4), config: { outcome: 'next business day' } },
      nobody,
    ],
    edges: [
      edge('a', 'capture', 'out', 'assign'),
      edge('b', 'assign', 'assigned', 'next-hour'),
      edge('c', 'assign', 'unassigned', 'nobody'),
      edge('d', 'next-hour', 'done', 'next-day'),
      edge('e', 'next-day', 'done', 'done'),
    ],
  };
}

/** The follow-up cadence in small: a task, a short wait, a second task. */
export function taskCadenceGraph(): GraphDocument {
  return {
    name: 'task cadence',
    nodes: [
      capture,
      assign,
      {
        id: 'day-1',
        type: 'task',
        typeVersion: 1,
        position: at(2),
        config: { title: 'Day 1: call {{fullName}}', dueIn: '1d', priority: 'high' },
      },
      { id: 'gap', type: 'wait', typeVersion: 1, position: at(3), config: { mode: 'duration', duration: '1s' } },
      {
        id: 'day-2',
        type: 'task',
        typeVersion: 1,
        position: at(4),
        config: { title: 'Day 2: second attempt', dueIn: '1d', priority: 'normal' },
      },
      { id: 'done', type: 'end', typeVersion: 1, position: at(5), config: { outcome: 'cadence set' } },
      nobody,
    ],
    edges: [
      edge('a', 'capture', 'out', 'assign'),
      edge('b', 'assign', 'assigned', 'day-1'),
      edge('c', 'assign', 'unassigned', 'nobody'),
      edge('d', 'day-1', 'out', 'gap'),
      edge('e', 'gap', 'done', 'day-2'),
      edge('f', 'day-2', 'out', 'done'),
    ],
  };
}

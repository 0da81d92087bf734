import {
  assignConfig,
  edges,
  eitherWay,
  node,
  notifyConfig,
  REP_OUTCOMES,
  type WorkflowTemplate,
} from './template-builder.js';

/** Speed to lead: a demo request reaches a rep at once, and a missed 5-minute SLA escalates and reassigns. */
export const inboundDemoSla: WorkflowTemplate = {
  id: 'inbound-demo-sla',
  name: 'Inbound demo request with SLA escalation',
  description:
    'Demo requests are enriched, scored and given to an inbound rep at once. If the rep records no outcome within 5 minutes, the team manager is alerted and the lead goes to the next rep.',
  practice:
    'Leads contacted within 5 minutes are far more likely to be reached and to qualify: route hot leads instantly and escalate when the SLA is missed.',
  document: {
    name: 'Inbound demo request with SLA escalation',
    nodes: [
      node('capture', 'Demo request', 'capture', 1, [1, 0], {
        channels: ['web_form', 'api', 'chat'],
        requiredFields: ['email', 'name', 'company', 'source'],
        defaultCountry: 'US',
      }),
      node('enrich', 'Enrich company', 'enrich', 1, [1, 1], {
        providers: ['email_type', 'company_domain', 'known_accounts'],
        want: ['companyDomain', 'accountId'],
      }),
      node('score', 'Score fit and intent', 'score', 1, [1, 2], {
        fitRules: [
          { label: 'business email', when: 'isFreeEmail == false', points: 30 },
          {
            label: 'senior title',
            when: 'contains(title, "vp") or contains(title, "director") or contains(title, "head")',
            points: 30,
          },
        ],
        intentRules: [{ label: 'demo request', when: 'source == "demo_request"', points: 60 }],
        fitThreshold: 50,
        intentThreshold: 50,
        mqlThreshold: 60,
        sqlThreshold: 100,
      }),
      node('route', 'Sales-ready?', 'branch', 1, [1, 3], {
        cases: [{ port: 'sales_ready', label: 'Sales-ready', when: 'tier == 1 or source == "demo_request"' }],
      }),
      node('assign', 'Assign an inbound rep', 'assign', 2, [1, 4], assignConfig('team', 'inbound')),
      node(
        'alert-owner',
        'Alert the owner',
        'notify',
        1,
        [1, 5],
        notifyConfig(
          'owner',
          'Demo request: {{fullName}} at {{company}}',
          '{{fullName}} ({{title}}, {{company}}) asked for a demo. Call within 5 minutes.',
        ),
      ),
      node('await-contact', 'Wait 5 minutes for contact', 'wait', 1, [1, 6], {
        mode: 'event',
        events: REP_OUTCOMES,
        timeout: '5m',
      }),
      node('contacted', 'Contacted in time', 'end', 1, [0, 7], {
        outcome: 'contacted within SLA',
        status: 'contacted',
      }),
      node(
        'escalate',
        'Alert the team manager',
        'notify',
        1,
        [2, 7],
        notifyConfig(
          'team_manager',
          'SLA missed: {{fullName}} at {{company}}',
          '{{fullName}} was not contacted within 5 minutes; the lead goes to the next rep.',
        ),
      ),
      node(
        'reassign',
        'Reassign to the next rep',
        'assign',
        2,
        [2, 8],
        assignConfig('team', 'inbound', { respectCapacity: false, excludeCurrentOwner: true }),
      ),
      node(
        'alert-new-owner',
        'Alert the new owner',
        'notify',
        1,
        [2, 9],
        notifyConfig(
          'owner',
          'Reassigned to you: {{fullName}}',
          'The previous owner missed the SLA. Call {{fullName}} now.',
        ),
      ),
      node('nobody-left', 'Nobody left to reassign', 'end', 1, [3, 9], {
        outcome: 'SLA missed, nobody left',
        status: 'unassigned',
      }),
      node('unassigned', 'Unassigned queue', 'end', 1, [2, 5.5], { outcome: 'nobody available', status: 'unassigned' }),
      node('nurture', 'Nurture', 'end', 1, [2, 4], { outcome: 'not sales-ready: nurture', status: 'nurture' }),
    ],
    edges: edges([
      ['capture', 'out', 'enrich'],
      ...eitherWay('enrich', 'score'),
      ['score', 'out', 'route'],
      ['route', 'sales_ready', 'assign'],
      ['route', 'default', 'nurture'],
      ['assign', 'assigned', 'alert-owner'],
      ['assign', 'unassigned', 'unassigned'],
      ['alert-owner', 'out', 'await-contact'],
      ['await-contact', 'event', 'contacted'],
      ['await-contact', 'timeout', 'escalate'],
      ['escalate', 'out', 'reassign'],
      ['reassign', 'assigned', 'alert-new-owner'],
      ['reassign', 'unassigned', 'nobody-left'],
      ['alert-new-owner', 'out', 'await-contact'],
    ]),
  },
};

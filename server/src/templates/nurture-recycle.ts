import { assignConfig, edges, node, notifyConfig, REP_OUTCOMES, type WorkflowTemplate } from './template-builder.js';

/** Nurture and recycle: sales-ready leads to a rep; the rest rest in nurture until they re-engage, then are scored again. */
export const nurtureRecycle: WorkflowTemplate = {
  id: 'nurture-recycle',
  name: 'Nurture and recycle',
  description:
    'Scores every lead. Sales-ready leads go to a rep; the rest are recycled into nurture until they come back (a return visit, a reply, a demo request) or 90 days pass, and are then scored again.',
  practice:
    'Leads that are a fit but not ready are recycled, not dropped: they re-enter with their history when a trigger brings them back.',
  document: {
    name: 'Nurture and recycle',
    nodes: [
      node('capture', 'New lead', 'capture', 1, [1, 0], {
        channels: ['web_form', 'api', 'csv'],
        requiredFields: ['email'],
        defaultCountry: 'US',
      }),
      node('score', 'Score fit and intent', 'score', 1, [1, 1], {
        fitRules: [
          { label: 'business email', when: 'isFreeEmail == false', points: 30 },
          { label: 'senior title', when: 'contains(title, "vp") or contains(title, "director")', points: 30 },
        ],
        intentRules: [
          { label: 'pricing or demo', when: 'source in ["pricing", "demo_request"]', points: 50 },
          { label: 'returning visitor', when: 'events.page_visited >= 3', points: 20 },
        ],
        fitThreshold: 50,
        intentThreshold: 50,
        mqlThreshold: 60,
        sqlThreshold: 100,
      }),
      node('ready', 'Ready for sales?', 'branch', 1, [1, 2], {
        cases: [{ port: 'sales_ready', label: 'Sales-ready', when: 'tier == 1' }],
      }),
      node(
        'assign',
        'Assign a rep',
        'assign',
        2,
        [2, 3],
        assignConfig('team', 'inbound', { strategy: 'least_loaded' }),
      ),
      node(
        'alert-owner',
        'Alert the owner',
        'notify',
        1,
        [2, 4],
        notifyConfig('owner', 'Sales-ready lead: {{fullName}}', '{{fullName}} ({{company}}) scored {{score}}.'),
      ),
      node('await-outcome', 'Wait 2 days for an outcome', 'wait', 1, [2, 5], {
        mode: 'event',
        events: REP_OUTCOMES,
        timeout: '2d',
      }),
      node('worked', 'Worked by sales', 'end', 1, [2, 6], { outcome: 'worked by sales' }),
      node('mark-nurture', 'Mark as nurture', 'update', 1, [0, 3], { set: [{ field: 'status', value: '"nurture"' }] }),
      node('recycle', 'Recycle until re-engaged', 'recycle', 1, [0, 4], {
        reengageOn: ['page_visited', 'demo_requested', 'replied'],
        revisitAfter: '90d',
        reason: 'not sales-ready yet',
      }),
      node('unassigned', 'Unassigned queue', 'end', 1, [3, 4], { outcome: 'nobody available', status: 'unassigned' }),
    ],
    edges: edges([
      ['capture', 'out', 'score'],
      ['score', 'out', 'ready'],
      ['ready', 'sales_ready', 'assign'],
      ['ready', 'default', 'mark-nurture'],
      ['assign', 'assigned', 'alert-owner'],
      ['assign', 'unassigned', 'unassigned'],
      ['alert-owner', 'out', 'await-outcome'],
      ['await-outcome', 'event', 'worked'],
      ['await-outcome', 'timeout', 'mark-nurture'],
      ['mark-nurture', 'out', 'recycle'],
      ['recycle', 're_engaged', 'score'],
      ['recycle', 'revisit', 'score'],
    ]),
  },
};

import { assignConfig, edges, eitherWay, node, notifyConfig, type WorkflowTemplate } from './template-builder.js';

/** Territory routing: named accounts to their owner, DACH to its team, everyone else by territory rules. */
export const territoryRouting: WorkflowTemplate = {
  id: 'territory-routing',
  name: 'Territory routing',
  description:
    'Leads from known accounts go to the account owner; leads from Germany, Austria and Switzerland go to the DACH team; the rest follow your territory rules. Reps off work or at capacity are skipped.',
  practice:
    'Route by territory, account ownership and capacity, and keep a fallback so no lead falls through when a rep is away.',
  document: {
    name: 'Territory routing',
    nodes: [
      node('capture', 'New lead', 'capture', 1, [1, 0], {
        channels: ['web_form', 'api', 'webhook'],
        requiredFields: ['email', 'company'],
        defaultCountry: 'US',
      }),
      node('enrich', 'Match the account', 'enrich', 1, [1, 1], {
        providers: ['email_type', 'company_domain', 'known_accounts'],
        want: ['companyDomain', 'accountId'],
      }),
      node('region', 'Which region?', 'branch', 1, [1, 2], {
        cases: [
          { port: 'known_account', label: 'Known account', when: 'accountId != null' },
          { port: 'dach', label: 'Germany → DACH', when: 'country in ["DE", "AT", "CH"]' },
        ],
      }),
      node(
        'assign-owner',
        'Assign the account owner',
        'assign',
        2,
        [0, 3],
        assignConfig('account_owner', 'inbound', { respectWorkingHours: true }),
      ),
      node(
        'assign-dach',
        'Assign DACH',
        'assign',
        2,
        [1, 3],
        assignConfig('team', 'dach', { respectWorkingHours: true }),
      ),
      node(
        'assign-territory',
        'Assign by territory',
        'assign',
        2,
        [2, 3],
        assignConfig('territory', 'inbound', { respectWorkingHours: true }),
      ),
      node(
        'alert-owner',
        'Alert the owner',
        'notify',
        1,
        [1, 4],
        notifyConfig(
          'owner',
          'New lead in your territory: {{fullName}} at {{company}}',
          '{{fullName}} ({{company}}, {{country}}) is yours.',
        ),
      ),
      node('first-call', 'First call within a day', 'task', 1, [1, 5], {
        title: 'Call {{fullName}} at {{company}}',
        dueIn: '1d',
        priority: 'high',
      }),
      node('routed', 'Routed', 'end', 1, [1, 6], { outcome: 'routed to the territory owner' }),
      node('unassigned', 'Unassigned queue', 'end', 1, [3, 4], {
        outcome: 'no rep available in the territory',
        status: 'unassigned',
      }),
    ],
    edges: edges([
      ['capture', 'out', 'enrich'],
      ...eitherWay('enrich', 'region'),
      ['region', 'known_account', 'assign-owner'],
      ['region', 'dach', 'assign-dach'],
      ['region', 'default', 'assign-territory'],
      ['assign-owner', 'assigned', 'alert-owner'],
      ['assign-owner', 'unassigned', 'unassigned'],
      ['assign-dach', 'assigned', 'alert-owner'],
      ['assign-dach', 'unassigned', 'unassigned'],
      ['assign-territory', 'assigned', 'alert-owner'],
      ['assign-territory', 'unassigned', 'unassigned'],
      ['alert-owner', 'out', 'first-call'],
      ['first-call', 'out', 'routed'],
    ]),
  },
};

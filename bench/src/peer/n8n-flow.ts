/**
 * The seeded inbound workflow's logical path as an n8n workflow: capture and normalize → enrich
 * (email type) → score (the seed's fit and intent rules and thresholds) → branch on
 * tier → round robin over 5 reps → notify the owner. n8n notifies through an HTTP Request node to
 * the bench's loopback receiver, whose arrival time is the "owner notified" moment; Leadflow's is
 * its notify step's end (inbox row and email sent). What n8n does not do (no durable per-lead run,
 * no step trail, no wait for the rep) is the point of the comparison, not a flaw in it.
 */
export const N8N_WORKFLOW_ID = 'LeadflowPeer0001';
export const N8N_WEBHOOK_PATH = 'lead';

// Edit Fields (Set) nodes with expressions, as an n8n user builds it. The same logic in one Code
// node cost n8n the same CPU per lead at 10 leads/s (47 ms, with the legacy expression engine).
const FREE_EMAIL = "['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'aol.com', 'proton.me']";
const fit = [
  '($json.isFreeEmail ? 0 : 30)',
  "(['vp', 'director', 'head', 'chief'].some((w) => $json.title.includes(w)) ? 30 : 0)",
  "($json.title.includes('manager') ? 15 : 0)",
  "($json.title.includes('student') || $json.title.includes('intern') ? -40 : 0)",
  "(['US', 'CA', 'GB', 'DE', 'FR'].includes($json.country) ? 10 : 0)",
].join(' + ');
const intent = [
  "($json.source === 'demo_request' ? 60 : 0)",
  "(['pricing', 'contact_sales'].includes($json.source) ? 40 : 0)",
  "($json.source === 'webinar' ? 20 : 0)",
  "($json.source === 'content_download' ? 10 : 0)",
].join(' + ');

type Field = [name: string, type: 'string' | 'number' | 'boolean', expression: string];

/** An Edit Fields (Set) node's assignments. */
const assignments = (fields: Field[]) => ({
  assignments: fields.map(([name, type, expression], index) => ({
    id: `${name}-${index}`,
    name,
    type,
    value: `={{ ${expression} }}`,
  })),
});

const normalize: Field[] = [
  ['email', 'string', "String($json.body.email ?? '').trim().toLowerCase()"],
  ['name', 'string', "$json.body.name ?? ''"],
  ['company', 'string', "$json.body.company ?? ''"],
  ['title', 'string', "String($json.body.title ?? '').toLowerCase()"],
  ['source', 'string', "String($json.body.source ?? '')"],
  ['country', 'string', "String($json.body.country ?? 'US').toUpperCase()"],
  [
    'isFreeEmail',
    'boolean',
    `${FREE_EMAIL}.includes(String($json.body.email ?? '').trim().toLowerCase().split('@')[1])`,
  ],
];
const score: Field[] = [
  ['fitScore', 'number', fit],
  ['intentScore', 'number', intent],
  ['tier', 'number', `(${fit}) >= 50 ? ((${intent}) >= 50 ? 1 : 2) : (${intent}) >= 50 ? 4 : 3`],
];
// n8n numbers executions in order: the execution id is the round robin's turn.
const roundRobin: Field[] = [['owner', 'string', "['Ann', 'Ben', 'Cy', 'Dee', 'Eve'][Number($execution.id) % 5]"]];

/** The workflow, as `n8n import:workflow` reads it; `notifyUrl` is the bench's receiver. */
export function n8nWorkflow(notifyUrl: string): Record<string, unknown> {
  const node = (name: string, type: string, typeVersion: number, x: number, parameters: Record<string, unknown>) => ({
    id: `00000000-0000-4000-8000-00000000000${x / 200}`,
    name,
    type,
    typeVersion,
    position: [x, 0],
    parameters,
  });
  const next = (name: string) => ({ main: [[{ node: name, type: 'main', index: 0 }]] });
  return {
    id: N8N_WORKFLOW_ID,
    name: 'Inbound lead (Leadflow peer benchmark)',
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: [
      {
        ...node('Capture', 'n8n-nodes-base.webhook', 2, 0, {
          httpMethod: 'POST',
          path: N8N_WEBHOOK_PATH,
          responseMode: 'onReceived',
          options: {},
        }),
        webhookId: '3f1c2b8e-5d4a-4c7e-9b1a-2e6f8d0c4a51',
      },
      node('Normalize and enrich', 'n8n-nodes-base.set', 3.4, 200, {
        assignments: assignments(normalize),
        includeOtherFields: false,
        options: {},
      }),
      node('Score', 'n8n-nodes-base.set', 3.4, 400, {
        assignments: assignments(score),
        includeOtherFields: true,
        options: {},
      }),
      node('Tier 1?', 'n8n-nodes-base.if', 1, 600, {
        conditions: { number: [{ value1: '={{ $json.tier }}', operation: 'equal', value2: 1 }] },
      }),
      node('Round robin', 'n8n-nodes-base.set', 3.4, 800, {
        assignments: assignments(roundRobin),
        includeOtherFields: true,
        options: {},
      }),
      node('Notify owner', 'n8n-nodes-base.httpRequest', 4.2, 1000, {
        method: 'POST',
        url: notifyUrl,
        sendBody: true,
        specifyBody: 'json',
        jsonBody:
          "={{ JSON.stringify({ email: $json.email, owner: $json.owner, subject: 'New lead: ' + $json.name + ' at ' + $json.company + ' (tier ' + $json.tier + ')' }) }}",
        options: {},
      }),
    ],
    connections: {
      Capture: next('Normalize and enrich'),
      'Normalize and enrich': next('Score'),
      Score: next('Tier 1?'),
      'Tier 1?': { main: [[{ node: 'Round robin', type: 'main', index: 0 }], []] },
      'Round robin': next('Notify owner'),
    },
  };
}

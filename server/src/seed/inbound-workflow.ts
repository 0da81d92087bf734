import type { GraphDocument } from '@leadflow/engine';
import { REP_OUTCOME_EVENTS, repOutcomeBranch } from './rep-outcome-nodes.js';

const at = (x: number, y: number) => ({ x, y });

// Laid out top-down (dagre, as the designer's auto-layout), so the example reads down the page.
const outcome = repOutcomeBranch('await-contact', 'contacted', {
  'rep-outcome': [528, 1288],
  'rep-disqualified': [150, 1472],
  'meeting-booked': [450, 1472],
});

/**
 * The example workflow, after the seven-step process: capture → enrich → score → branch by
 * tier → assign → notify → wait for first contact (5-minute SLA) → escalate on timeout. The
 * rep's outcome (contacted, meeting booked, disqualified) ends the wait and picks the ending.
 */
export const inboundWorkflow: GraphDocument = {
  name: 'Inbound lead — seven steps',
  nodes: [
    {
      id: 'capture',
      type: 'capture',
      typeVersion: 1,
      position: at(300, 0),
      config: {
        channels: ['web_form', 'api', 'webhook', 'csv', 'chat', 'referral'],
        requiredFields: ['email', 'name', 'company', 'source'],
        defaultCountry: 'US',
      },
    },
    {
      id: 'enrich',
      type: 'enrich',
      typeVersion: 1,
      position: at(300, 184),
      config: { providers: ['email_type', 'company_domain', 'known_accounts'], want: ['companyDomain', 'accountId'] },
    },
    {
      id: 'score',
      type: 'score',
      typeVersion: 1,
      position: at(300, 368),
      config: {
        fitRules: [
          { label: 'business email', when: 'isFreeEmail == false', points: 30 },
          {
            label: 'senior title',
            when: 'contains(title, "vp") or contains(title, "director") or contains(title, "head") or contains(title, "chief")',
            points: 30,
          },
          { label: 'manager title', when: 'contains(title, "manager")', points: 15 },
          { label: 'student or intern', when: 'contains(title, "student") or contains(title, "intern")', points: -40 },
          { label: 'core market', when: 'country in ["US", "CA", "GB", "DE", "FR"]', points: 10 },
        ],
        intentRules: [
          { label: 'demo request', when: 'source == "demo_request"', points: 60 },
          { label: 'pricing or contact sales', when: 'source in ["pricing", "contact_sales"]', points: 40 },
          { label: 'webinar', when: 'source == "webinar"', points: 20 },
          { label: 'content download', when: 'source == "content_download"', points: 10 },
          { label: 'returning visitor', when: 'events.page_visited >= 3', points: 15 },
        ],
        fitThreshold: 50,
        intentThreshold: 50,
        mqlThreshold: 60,
        sqlThreshold: 100,
      },
    },
    {
      id: 'route',
      type: 'branch',
      typeVersion: 1,
      position: at(196, 552),
      config: {
        cases: [
          { port: 'sales_now', label: 'Tier 1: sales now', when: 'tier == 1' },
          { port: 'sdr_call', label: 'Tier 4: SDR qualification call', when: 'tier == 4' },
          { port: 'nurture', label: 'Tier 2: nurture', when: 'tier == 2' },
        ],
      },
    },
    {
      id: 'assign',
      type: 'assign',
      typeVersion: 1,
      position: at(600, 736),
      config: { strategy: 'round_robin', team: 'inbound' },
    },
    {
      id: 'alert-owner',
      type: 'notify',
      typeVersion: 1,
      position: at(750, 920),
      config: {
        channels: ['inbox', 'email'],
        to: 'owner',
        subject: 'New lead: {{fullName}} at {{company}} (tier {{tier}})',
        body: '{{fullName}} ({{title}}, {{company}}) is yours.\nScore {{score}} — fit {{fitScore}}, intent {{intentScore}}. Source: {{source}}.\nCall within 5 minutes.',
      },
    },
    {
      id: 'await-contact',
      type: 'wait',
      typeVersion: 1,
      position: at(750, 1104),
      config: { mode: 'event', events: REP_OUTCOME_EVENTS, timeout: '5m' },
    },
    ...outcome.nodes,
    {
      id: 'contacted',
      type: 'end',
      typeVersion: 1,
      position: at(750, 1472),
      config: { outcome: 'contacted within SLA', status: 'contacted' },
    },
    {
      id: 'escalate',
      type: 'notify',
      typeVersion: 1,
      position: at(1050, 1288),
      config: {
        channels: ['inbox', 'email'],
        to: 'team_manager',
        subject: 'SLA missed: {{fullName}} at {{company}}',
        body: '{{fullName}} ({{company}}) was not contacted within 5 minutes of assignment.',
      },
    },
    {
      id: 'escalated',
      type: 'end',
      typeVersion: 1,
      position: at(1050, 1472),
      config: { outcome: 'SLA missed, manager alerted' },
    },
    {
      id: 'unassigned',
      type: 'end',
      typeVersion: 1,
      position: at(450, 937),
      config: { outcome: 'nobody available: left in the unassigned queue', status: 'unassigned' },
    },
    {
      id: 'nurture',
      type: 'end',
      typeVersion: 1,
      position: at(300, 753),
      config: { outcome: 'high fit, low intent: nurture', status: 'nurture' },
    },
    {
      id: 'light-nurture',
      type: 'end',
      typeVersion: 1,
      position: at(0, 753),
      config: { outcome: 'low fit: light nurture', status: 'light_nurture' },
    },
  ],
  edges: [
    { id: 'e-capture', source: 'capture', sourceHandle: 'out', target: 'enrich' },
    { id: 'e-enriched', source: 'enrich', sourceHandle: 'enriched', target: 'score' },
    { id: 'e-empty', source: 'enrich', sourceHandle: 'empty', target: 'score' },
    { id: 'e-score', source: 'score', sourceHandle: 'out', target: 'route' },
    { id: 'e-sales', source: 'route', sourceHandle: 'sales_now', target: 'assign' },
    { id: 'e-sdr', source: 'route', sourceHandle: 'sdr_call', target: 'assign' },
    { id: 'e-nurture', source: 'route', sourceHandle: 'nurture', target: 'nurture' },
    { id: 'e-default', source: 'route', sourceHandle: 'default', target: 'light-nurture' },
    { id: 'e-assigned', source: 'assign', sourceHandle: 'assigned', target: 'alert-owner' },
    { id: 'e-unassigned', source: 'assign', sourceHandle: 'unassigned', target: 'unassigned' },
    { id: 'e-alerted', source: 'alert-owner', sourceHandle: 'out', target: 'await-contact' },
    ...outcome.edges,
    { id: 'e-timeout', source: 'await-contact', sourceHandle: 'timeout', target: 'escalate' },
    { id: 'e-escalated', source: 'escalate', sourceHandle: 'out', target: 'escalated' },
  ],
};

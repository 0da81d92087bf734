import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { GraphDocument } from '@leadflow/engine';
import type { TestStack } from './test-stack.js';

const at = (x: number, y = 0) => ({ x: x * 240, y });

/**
 * capture (web_form, webhook, api) → score v2 (pricing visits) → assign round robin in `team` →
 * wait for a demo request (1 h) → end. A team without reps ends the lead unassigned.
 */
export function routedWorkflow(name: string, team: string): GraphDocument {
  return {
    name,
    nodes: [
      {
        id: 'capture',
        type: 'capture',
        typeVersion: 1,
        position: at(0),
        config: { channels: ['web_form', 'webhook', 'api'], requiredFields: ['email'], defaultCountry: 'US' },
      },
      {
        id: 'score',
        type: 'score',
        typeVersion: 2,
        position: at(1),
        config: {
          fitRules: [],
          intentRules: [],
          eventRules: [
            { label: 'pricing page', event: 'page_visited', urlContains: '/pricing', points: 30, halfLife: '30d' },
          ],
          fitThreshold: 50,
          intentThreshold: 50,
          mqlThreshold: 50,
          sqlThreshold: 100,
        },
      },
      { id: 'assign', type: 'assign', typeVersion: 1, position: at(2), config: { strategy: 'round_robin', team } },
      {
        id: 'await-demo',
        type: 'wait',
        typeVersion: 1,
        position: at(3),
        config: { mode: 'event', events: ['demo_requested'], timeout: '1h' },
      },
      {
        id: 'demo',
        type: 'end',
        typeVersion: 1,
        position: at(4),
        config: { outcome: 'demo requested', status: 'demo_requested' },
      },
      {
        id: 'quiet',
        type: 'end',
        typeVersion: 1,
        position: at(4, 120),
        config: { outcome: 'no demo within the hour' },
      },
      {
        id: 'nobody',
        type: 'end',
        typeVersion: 1,
        position: at(3, 240),
        config: { outcome: 'nobody available', status: 'unassigned' },
      },
    ],
    edges: [
      { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'score' },
      { id: 'e2', source: 'score', sourceHandle: 'out', target: 'assign' },
      { id: 'e3', source: 'assign', sourceHandle: 'assigned', target: 'await-demo' },
      { id: 'e4', source: 'assign', sourceHandle: 'unassigned', target: 'nobody' },
      { id: 'e5', source: 'await-demo', sourceHandle: 'event', target: 'demo' },
      { id: 'e6', source: 'await-demo', sourceHandle: 'timeout', target: 'quiet' },
    ],
  } as GraphDocument;
}

/**
 * capture (the given config over: every channel, email required) → wait for `events` (1 h) →
 * end `done` (setting `status`, if given) or `quiet`.
 */
export function waitingWorkflow(
  name: string,
  options: { capture?: Record<string, unknown>; events?: string[]; status?: string } = {},
): GraphDocument {
  return {
    name,
    nodes: [
      {
        id: 'capture',
        type: 'capture',
        typeVersion: 1,
        position: at(0),
        config: {
          channels: ['web_form', 'webhook', 'api', 'csv'],
          requiredFields: ['email'],
          defaultCountry: 'US',
          ...options.capture,
        },
      },
      {
        id: 'await',
        type: 'wait',
        typeVersion: 1,
        position: at(1),
        config: { mode: 'event', events: options.events ?? ['contacted'], timeout: '1h' },
      },
      {
        id: 'done',
        type: 'end',
        typeVersion: 1,
        position: at(2),
        config: { outcome: 'event arrived', ...(options.status && { status: options.status }) },
      },
      { id: 'quiet', type: 'end', typeVersion: 1, position: at(2, 120), config: { outcome: 'quiet' } },
    ],
    edges: [
      { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'await' },
      { id: 'e2', source: 'await', sourceHandle: 'event', target: 'done' },
      { id: 'e3', source: 'await', sourceHandle: 'timeout', target: 'quiet' },
    ],
  } as GraphDocument;
}

/** Creates and publishes `routedWorkflow`; reps named in `reps` join `team`. */
export async function publishRoutedWorkflow(
  stack: TestStack,
  slug: string,
  team: string,
  reps: string[],
  isDefault = false,
): Promise<void> {
  await stack.api('POST', '/api/teams', { id: team, name: team });
  for (const name of reps)
    await stack.api('POST', '/api/reps', { name, email: `${name.toLowerCase()}@${team}.test`, teamId: team });
  await stack.api('POST', '/api/workflows', { name: slug, slug, draft: routedWorkflow(slug, team), isDefault });
  const published = await stack.api('POST', `/api/workflows/${slug}/publish`, { note: 'v1' });
  if (published.status !== 201) throw new Error(`publishing ${slug} failed: ${JSON.stringify(published.body)}`);
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: any;
}

/**
 * An HTTP request without the admin token, as a browser or a sender on the internet makes it;
 * `localAddress` sends it from another loopback address (127.0.0.2), i.e. another client IP.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'POST', headers: options.headers, localAddress: options.localAddress },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** How many leads have this email: exactly-once checks read the database, not the API's word. */
export async function leadCount(stack: TestStack, email: string): Promise<number> {
  const row = await stack.db
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('email_normalized', '=', email.toLowerCase())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

import { randomUUID } from 'node:crypto';
import type { GraphDocument } from '@leadflow/engine';
import { leadContextFromRow } from '@leadflow/engine/db';
import type { NodeActivityContext } from '@leadflow/engine/worker';
import { nodeActivities } from '@leadflow/nodes/activities';
import { buildApp, createAppServices } from '@leadflow/server';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

interface SseEvent {
  event: string;
  data: any;
}

interface SseStream {
  status: number;
  contentType: string | null;
  events: SseEvent[];
  of(event: string): SseEvent[];
  close(): void;
}

const at = (x: number) => ({ x, y: 0 });
const notifyConfig = {
  channels: ['inbox'],
  to: 'owner',
  subject: 'New lead: {{fullName}}',
  body: 'Call {{fullName}} at {{company}}.',
};

function inboxWorkflow(team: string): GraphDocument {
  return {
    name: 'Inbox alert',
    nodes: [
      {
        id: 'capture',
        type: 'capture',
        typeVersion: 1,
        position: at(0),
        config: { channels: ['web_form', 'api'], requiredFields: ['email', 'name'], defaultCountry: 'US' },
      },
      { id: 'assign', type: 'assign', typeVersion: 1, position: at(240), config: { strategy: 'round_robin', team } },
      { id: 'notify', type: 'notify', typeVersion: 1, position: at(480), config: notifyConfig },
      {
        id: 'done',
        type: 'end',
        typeVersion: 1,
        position: at(720),
        config: { outcome: 'owner alerted', status: 'assigned' },
      },
      {
        id: 'nobody',
        type: 'end',
        typeVersion: 1,
        position: at(480),
        config: { outcome: 'nobody available', status: 'unassigned' },
      },
    ],
    edges: [
      { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'assign' },
      { id: 'e2', source: 'assign', sourceHandle: 'assigned', target: 'notify' },
      { id: 'e3', source: 'assign', sourceHandle: 'unassigned', target: 'nobody' },
      { id: 'e4', source: 'notify', sourceHandle: 'out', target: 'done' },
    ],
  } as GraphDocument;
}

describe("a rep's inbox, pushed live over Server-Sent Events", () => {
  let stack: TestStack;
  let app: FastifyInstance;
  let baseUrl: string;
  let ivy: string;
  let otto: string;
  const streams: SseStream[] = [];

  const api = async (method: string, path: string): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${stack.token}` } });
    return { status: response.status, body: await response.json() };
  };

  /** Opens the stream and parses its events as they arrive. */
  async function openStream(repId: string, token = stack.token): Promise<SseStream> {
    const controller = new AbortController();
    const response = await fetch(`${baseUrl}/api/reps/${repId}/inbox/stream`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const events: SseEvent[] = [];
    const stream: SseStream = {
      status: response.status,
      contentType: response.headers.get('content-type'),
      events,
      of: (event) => events.filter((e) => e.event === event),
      close: () => controller.abort(),
    };
    streams.push(stream);
    if (!response.ok || !response.body) {
      events.push({ event: 'error', data: await response.json() });
      return stream;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const event = block.find((line) => line.startsWith('event: '))?.slice(7) ?? 'message';
          const data = block.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
          if (data.length > 0) events.push({ event, data: JSON.parse(data.join('\n')) });
          else if (block.some((line) => line.startsWith(':')))
            events.push({ event: 'comment', data: block.join('\n') });
        }
      }
    })().catch(() => undefined);
    return stream;
  }

  async function captureLead(name: string): Promise<string> {
    const { status, body } = await stack.api('POST', '/api/leads', {
      email: `${name.toLowerCase().replace(/\s+/g, '.')}@acme.test`,
      name,
      company: 'Acme',
    });
    expect(status).toBe(201);
    return body.lead.id as string;
  }

  const inboxRow = (leadId: string) =>
    stack.db
      .selectFrom('notifications')
      .selectAll()
      .where('lead_id', '=', leadId)
      .where('channel', '=', 'inbox')
      .executeTakeFirst();

  beforeAll(async () => {
    stack = await startTestStack();
    // An app of our own over the same database, given the URL the live inbox LISTENs with.
    const services = createAppServices({
      db: stack.db,
      temporal: stack.services.temporal,
      security: stack.security,
      taskQueue: stack.taskQueue,
      databaseUrl: stack.databaseUrl,
    });
    app = await buildApp(services, { adminToken: stack.token });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    expect((await stack.api('POST', '/api/teams', { id: 'inbox', name: 'Inbox team' })).status).toBe(201);
    ivy = (await stack.api('POST', '/api/reps', { name: 'Ivy Inbox', email: 'ivy@inbox.test', teamId: 'inbox' })).body
      .id;
    otto = (await stack.api('POST', '/api/reps', { name: 'Otto Other', email: 'otto@inbox.test' })).body.id;
    expect(
      (
        await stack.api('POST', '/api/workflows', {
          name: 'inbox',
          slug: 'inbox',
          draft: inboxWorkflow('inbox'),
          isDefault: true,
        })
      ).status,
    ).toBe(201);
    expect((await stack.api('POST', '/api/workflows/inbox/publish', { note: 'v1' })).status).toBe(201);
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await app?.close();
    await stack?.stop();
  });

  it('streams exactly one notification per inbox row, even when the notify activity is retried', async () => {
    const stream = await openStream(ivy);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const other = await openStream(otto);
    // What the worker announces on the channel itself, to count announcements rather than deliveries.
    const announcements: string[] = [];
    const tap = new pg.Client({ connectionString: stack.databaseUrl });
    await tap.connect();
    tap.on('notification', (message) => announcements.push(message.payload ?? ''));
    await tap.query('LISTEN leadflow_inbox');
    await eventually(
      async () => stream.of('ready').length === 1 && other.of('ready').length === 1,
      'both streams to be ready',
      5_000,
      20,
    );
    expect(stream.of('ready')[0]?.data).toEqual({ repId: ivy });

    const leadId = await captureLead('Nina Newlead');
    const row = await eventually(() => inboxRow(leadId), 'the inbox row');
    const [event] = await eventually(
      async () => (stream.of('notification').length > 0 ? stream.of('notification') : undefined),
      'the notification event',
      5_000,
      20,
    );
    expect(row.rep_id).toBe(ivy);
    expect(event?.data).toEqual({
      id: row.id,
      leadId,
      subject: 'New lead: Nina Newlead',
      body: 'Call Nina Newlead at Acme.',
      createdAt: row.created_at.toISOString(),
      readAt: null,
    });

    // A retry of the same node visit finds its row and announces nothing.
    const notify = nodeActivities.find((a) => a.type === 'notify' && a.version === 1);
    const lead = await stack.db.selectFrom('leads').selectAll().where('id', '=', leadId).executeTakeFirstOrThrow();
    const services = { db: stack.db, mail: { from: 'Leadflow <leadflow@test.local>' }, http: { allowHosts: [] } };
    const ctx = {
      services,
      db: stack.db,
      lead: leadContextFromRow(lead),
      leadId,
      nodeId: 'notify',
      visit: 1,
      attempt: 2,
      idempotencyKey: `${leadId}:notify:1`,
    } as unknown as NodeActivityContext;
    const retried = await notify?.run(notifyConfig as never, ctx);
    expect(retried?.reason).toBe('notified Ivy Inbox: inbox delivered (Ivy Inbox)');

    // Announcements arrive in commit order: once a marker sent after the retry is heard, anything the
    // retry announced would have been heard before it.
    await sql`SELECT pg_notify('leadflow_inbox', '{"marker":true}')`.execute(stack.db);
    await eventually(
      async () => announcements.some((payload) => payload.includes('marker')) && true,
      'the marker announcement',
      5_000,
      20,
    );
    await tap.end();
    expect(
      announcements.filter((payload) => !payload.includes('marker')).map((payload) => JSON.parse(payload)),
    ).toEqual([{ id: row.id, repId: ivy }]);
    expect(stream.of('notification')).toHaveLength(1);
    expect(other.of('notification')).toHaveLength(0);
    expect(
      await stack.db.selectFrom('notifications').select('id').where('lead_id', '=', leadId).execute(),
    ).toHaveLength(1);
  });

  it('lists the inbox newest first, marks a notification read, and 404s another rep', async () => {
    const all = await api('GET', `/api/reps/${ivy}/inbox`);
    expect(all.status).toBe(200);
    expect(all.body.notifications).toHaveLength(1);
    const [item] = all.body.notifications;
    expect(item).toMatchObject({ subject: 'New lead: Nina Newlead', readAt: null });
    expect((await api('GET', `/api/reps/${ivy}/inbox?unread=true&limit=10`)).body.notifications).toHaveLength(1);

    const wrongRep = await api('POST', `/api/reps/${otto}/inbox/${item.id}/read`);
    expect(wrongRep.status).toBe(404);
    expect(wrongRep.body.message).toContain(item.id);
    expect((await api('GET', `/api/reps/${ivy}/inbox?unread=true`)).body.notifications).toHaveLength(1);

    const read = await api('POST', `/api/reps/${ivy}/inbox/${item.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(item.id);
    expect(Date.parse(read.body.readAt)).not.toBeNaN();
    const again = await api('POST', `/api/reps/${ivy}/inbox/${item.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);

    expect((await api('GET', `/api/reps/${ivy}/inbox?unread=true`)).body.notifications).toEqual([]);
    expect((await api('GET', `/api/reps/${ivy}/inbox`)).body.notifications).toEqual([
      { ...item, readAt: read.body.readAt },
    ]);
    expect((await api('GET', `/api/reps/${otto}/inbox`)).body.notifications).toEqual([]);

    const unknown = randomUUID();
    expect((await api('GET', `/api/reps/${unknown}/inbox`)).status).toBe(404);
    expect((await api('POST', `/api/reps/${ivy}/inbox/${unknown}/read`)).status).toBe(404);
    const unknownStream = await openStream(unknown);
    expect(unknownStream.status).toBe(404);
    expect(unknownStream.events[0]?.data.message).toBe(`rep '${unknown}' was not found`);
    expect((await openStream(ivy, 'wrong-token')).status).toBe(401);
    expect((await api('GET', `/api/reps/${ivy}/inbox?limit=0`)).status).toBe(400);
  });

  it('reconnects the listener when its connection drops, and sends what was written meanwhile once', async () => {
    const stream = await openStream(ivy);
    await eventually(async () => stream.of('ready').length === 1, 'the stream to be ready', 5_000, 20);
    const listenerPid = async (): Promise<number | undefined> => {
      const { rows } = await sql<{
        pid: number;
      }>`SELECT pid FROM pg_stat_activity WHERE application_name = 'leadflow-inbox-listener' AND datname = current_database()`.execute(
        stack.db,
      );
      return rows.length === 1 ? rows[0]?.pid : undefined;
    };
    const before = await eventually(listenerPid, 'the listener connection', 5_000);
    await sql`SELECT pg_terminate_backend(${before})`.execute(stack.db);

    // Written (and announced, to nobody) while the listener is down: the catch-up after the reconnect sends it.
    const leadId = (await stack.db.selectFrom('leads').select('id').executeTakeFirstOrThrow()).id;
    const missedId = randomUUID();
    await stack.db
      .insertInto('notifications')
      .values({
        id: missedId,
        idempotency_key: `manual:${missedId}`,
        lead_id: leadId,
        rep_id: ivy,
        channel: 'inbox',
        recipient: ivy,
        subject: 'Written during the outage',
        body: '-',
        status: 'delivered',
      })
      .execute();
    await sql`SELECT pg_notify('leadflow_inbox', ${JSON.stringify({ id: missedId, repId: ivy })})`.execute(stack.db);

    await eventually(
      async () => {
        const pid = await listenerPid();
        return pid !== undefined && pid !== before ? pid : undefined;
      },
      'a new listener connection',
      10_000,
      50,
    );
    await eventually(
      async () => stream.of('notification').some((e) => e.data.id === missedId),
      'the missed notification',
      5_000,
      20,
    );

    // And new rows flow again through the new connection.
    const next = await captureLead('Olga Later');
    await eventually(
      async () => stream.of('notification').some((e) => e.data.leadId === next),
      'a notification after the reconnect',
      30_000,
      50,
    );
    // The stream is ordered: a doubled delivery of the earlier rows would come before this last one.
    const last = await captureLead('Pia Last');
    await eventually(
      async () => stream.of('notification').some((e) => e.data.leadId === last),
      'the last notification',
      30_000,
      50,
    );
    expect(stream.of('notification').map((e) => e.data.subject)).toEqual([
      'Written during the outage',
      'New lead: Olga Later',
      'New lead: Pia Last',
    ]);
  });

  it('documents the inbox routes in the OpenAPI schema', async () => {
    const doc = (await (await fetch(`${baseUrl}/docs/json`)).json()) as { paths: Record<string, Record<string, any>> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/reps/{id}/inbox',
        '/api/reps/{id}/inbox/{notificationId}/read',
        '/api/reps/{id}/inbox/stream',
      ]),
    );
    expect(Object.keys(doc.paths['/api/reps/{id}/inbox/stream']?.get.responses['200'].content)).toEqual([
      'text/event-stream',
    ]);
  });
});

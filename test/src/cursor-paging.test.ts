import type { GraphDocument } from '@leadflow/engine';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, tasksOf, type TestStack } from './support/test-stack.js';

const draft: GraphDocument = {
  name: 'paged',
  nodes: [
    {
      id: 'capture',
      type: 'capture',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { channels: ['api', 'csv'], requiredFields: ['email'], defaultCountry: 'US' },
    },
    { id: 'done', type: 'end', typeVersion: 1, position: { x: 240, y: 0 }, config: { outcome: 'done' } },
  ],
  edges: [{ id: 'e1', source: 'capture', sourceHandle: 'out', target: 'done' }],
};

/**
 * Every cursor-paged list, walked to its end: each row exactly once, even when thousands share a
 * timestamp (an import batch is written with one now()).
 */
describe('cursor paging', () => {
  let stack: TestStack;

  /** Follows `nextCursor` from the first page to the last, returning every id seen, in order. */
  async function walk(path: string, key: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page: { status: number; body: any } = await stack.api(
        'GET',
        `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      const items = page.body[key] as Array<{ id: string }>;
      expect(items.length).toBeLessThanOrEqual(limit);
      ids.push(...items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    return ids;
  }

  const exactlyOnce = (seen: string[], expected: readonly string[]): void => {
    expect(new Set(seen).size, 'no id twice').toBe(seen.length);
    expect([...seen].sort()).toEqual([...expected].sort());
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    await stack.api('POST', '/api/workflows', { name: 'paged', slug: 'paged', draft, isDefault: true });
    expect((await stack.api('POST', '/api/workflows/paged/publish', { note: 'v1' })).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  it('lists 1,000 leads imported in one file exactly once, paged by 1, 7, 37 and 100', async () => {
    const csv = ['email', ...Array.from({ length: 1000 }, (_, i) => `batch${i}@paged.test`)].join('\n');
    const response = await fetch(`${stack.baseUrl}/api/imports?workflow=paged`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const { id } = (await response.json()) as { id: string };
    await eventually(
      async () => (await stack.api('GET', `/api/imports/${id}`)).body.status === 'completed',
      'the import to complete',
    );
    const rows = await stack.db.selectFrom('leads').select('id').where('email', 'like', 'batch%@paged.test').execute();
    expect(rows).toHaveLength(1000);
    // The point of the test: the rows share their timestamps to the microsecond.
    const stamps = await sql<{
      n: number;
    }>`SELECT count(DISTINCT created_at)::int AS n FROM leads WHERE email LIKE 'batch%@paged.test'`.execute(stack.db);
    expect(stamps.rows[0]?.n).toBeLessThanOrEqual(2);
    const all = rows.map((row) => row.id);
    for (const limit of [1, 7, 37, 100]) exactlyOnce(await walk('/api/leads?q=paged.test', 'leads', limit), all);
  });

  it('lists 200 leads captured at once exactly once, paged by 37', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => stack.api('POST', '/api/leads', { email: `burst${i}@burst.test` })),
    );
    expect(answers.every((answer) => answer.status === 201)).toBe(true);
    exactlyOnce(
      await walk('/api/leads?q=burst.test', 'leads', 37),
      answers.map((answer) => answer.body.lead.id),
    );
  });

  it('pages a rep inbox and the task list exactly once, with rows sharing one timestamp', async () => {
    const rep = (await stack.api('POST', '/api/reps', { name: 'Pager', email: 'pager@paged.test' })).body;
    const lead = (await stack.db.selectFrom('leads').select('id').limit(1).executeTakeFirstOrThrow()).id;
    const at = new Date('2026-12-01T09:00:00.123456Z');
    const notes = await stack.db
      .insertInto('notifications')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          idempotency_key: `page:${i}`,
          lead_id: lead,
          rep_id: rep.id,
          channel: 'inbox',
          recipient: rep.email,
          subject: `n${i}`,
          body: '',
          status: 'delivered',
          created_at: at,
        })),
      )
      .returning('id')
      .execute();
    exactlyOnce(
      await walk(`/api/reps/${rep.id}/inbox`, 'notifications', 7),
      notes.map((note) => note.id),
    );

    const tasks = await tasksOf(stack)
      .insertInto('tasks')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          idempotency_key: `task:${i}`,
          lead_id: lead,
          rep_id: rep.id,
          title: `t${i}`,
          due_at: at,
        })),
      )
      .returning('id')
      .execute();
    exactlyOnce(
      await walk(`/api/tasks?rep=${rep.id}`, 'tasks', 4),
      tasks.map((task) => task.id),
    );
  });

  it('pages the import list and refuses a cursor it did not hand out', async () => {
    const imports = (await stack.db.selectFrom('imports').select('id').execute()).map((row) => row.id);
    exactlyOnce(await walk('/api/imports', 'imports', 1), imports);
    for (const path of ['/api/leads', '/api/imports', '/api/tasks']) {
      const bad = await stack.api('GET', `${path}?cursor=not-ours`);
      expect(bad, path).toMatchObject({ status: 422, body: { errors: [{ path: 'query.cursor' }] } });
    }
  });
});

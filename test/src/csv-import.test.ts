import type { GraphDocument } from '@leadflow/engine';
import type { ControlledTransaction } from 'kysely';
import type { Database } from '@leadflow/engine/db';
import { sweepOnce } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

const at = (x: number) => ({ x, y: 0 });

/** capture (csv taken; email, name and company required) → end: imported leads run to the end. */
const importable: GraphDocument = {
  name: 'imported leads',
  nodes: [
    {
      id: 'capture',
      type: 'capture',
      typeVersion: 1,
      position: at(0),
      config: { channels: ['api', 'csv'], requiredFields: ['email', 'name', 'company'], defaultCountry: 'US' },
    },
    { id: 'done', type: 'end', typeVersion: 1, position: at(200), config: { outcome: 'done' } },
  ],
  edges: [{ id: 'a', source: 'capture', sourceHandle: 'out', target: 'done' }],
};

const apiOnly: GraphDocument = {
  ...importable,
  name: 'api only',
  nodes: importable.nodes.map((n) => (n.type === 'capture' ? { ...n, config: { ...n.config, channels: ['api'] } } : n)),
};

/** Good rows, a bad email, a missing required field, an unclosed quote, a duplicate email, a short row. */
const MIXED = [
  'Email,First Name,Last Name,Company,Phone,Plan',
  'jane@acme.com,Jane,Doe,Acme Inc.,,pro', // 2: created
  'bob@,Bob,Roe,Globex,,free', // 3: bad email
  'carl@initech.com,Carl,Ng,,,free', // 4: company missing
  '"dana@hooli.com,Dana,Yu,Hooli,,pro', // 5: quote never closed
  'erin@umbrella.com,Erin,Fox,Umbrella,(415) 555-2671,free', // 6: created
  'JANE@acme.com,Janet,Doe,Acme,,pro', // 7: duplicate of row 2
  'frank@wayne.com,Frank,Hu,Wayne', // 8: 4 columns of 6
  'gina@stark.com,Gina,Li,Stark,,', // 9: created
].join('\n');

const MAPPING = {
  Email: 'email',
  'First Name': 'firstName',
  'Last Name': 'lastName',
  Company: 'company',
  Phone: 'phone',
  Plan: 'custom.plan',
};

const bigFile = (prefix: string, rows: number): string =>
  [
    'email,name,company',
    ...Array.from({ length: rows }, (_, i) => `${prefix}${i}@bulk.example.com,Bulk Person${i},Bulk Co`),
  ].join('\n');

describe('CSV import on the real stack', () => {
  let stack: TestStack;

  const upload = async (
    csv: string,
    query: Record<string, string> = {},
    contentType = 'text/csv',
  ): Promise<{ status: number; body: any }> => {
    const qs = new URLSearchParams(query).toString();
    const response = await fetch(`${stack.baseUrl}/api/imports${qs ? `?${qs}` : ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token}`, 'content-type': contentType },
      body: csv,
    });
    return { status: response.status, body: await response.json() };
  };
  const importOf = async (id: string) => (await stack.api('GET', `/api/imports/${id}`)).body;
  const finished = (id: string) =>
    eventually(
      async () => ['completed', 'failed', 'cancelled'].includes((await importOf(id)).status) && importOf(id),
      `import ${id} to finish`,
    );
  const leadsLike = (pattern: string) =>
    stack.db.selectFrom('leads').selectAll().where('email', 'like', pattern).execute();

  /** Holds a lead with `email` uncommitted, so the import batch holding the same address waits on it. */
  const holdEmail = async (email: string): Promise<ControlledTransaction<Database>> => {
    const workflow = await stack.db
      .selectFrom('workflows')
      .select('id')
      .where('slug', '=', 'imported')
      .executeTakeFirstOrThrow();
    const trx = await stack.db.startTransaction().execute();
    await trx
      .insertInto('leads')
      .values({
        workflow_id: workflow.id,
        workflow_version: 1,
        email,
        email_normalized: email,
        fields: '{}',
        custom: '{}',
        first_touch: '{}',
        last_touch: '{}',
      })
      .execute();
    return trx;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    for (const [slug, draft] of [
      ['imported', importable],
      ['api-only', apiOnly],
    ] as const) {
      expect((await stack.api('POST', '/api/workflows', { name: draft.name, slug, draft })).status).toBe(201);
      expect((await stack.api('POST', `/api/workflows/${slug}/publish`, { note: 'test' })).status).toBe(201);
    }
  });
  afterAll(() => stack?.stop());

  it('imports the good rows and reports each bad one by row, field and column', async () => {
    const accepted = await upload(MIXED, {
      workflow: 'imported',
      mapping: JSON.stringify(MAPPING),
      source: 'trade_show',
      fileName: 'mixed.csv',
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      fileName: 'mixed.csv',
      fileBytes: Buffer.byteLength(MIXED),
      rows: { total: 8 },
      mapping: MAPPING,
      options: { source: 'trade_show' },
    });

    const done = await finished(accepted.body.id);
    expect(done).toMatchObject({
      status: 'completed',
      error: null,
      rows: { total: 8, processed: 8, created: 3, duplicates: 1, failed: 4 },
    });
    const errors = (await stack.api('GET', `/api/imports/${done.id}/errors`)).body;
    expect(errors).toEqual({
      errors: [
        { row: 3, field: 'email', column: 'Email', message: "'bob@' is not a valid email address" },
        { row: 4, field: 'company', column: 'Company', message: 'is required' },
        {
          row: 5,
          field: null,
          column: null,
          message: 'a quoted field opened on this row is never closed; the row was skipped',
        },
        { row: 8, field: null, column: null, message: 'has 4 columns; the header has 6' },
      ],
      nextCursor: null,
    });

    const leads = await leadsLike('%@%');
    expect(leads.map((lead) => lead.email).sort()).toEqual(['erin@umbrella.com', 'gina@stark.com', 'jane@acme.com']);
    const jane = leads.find((lead) => lead.email === 'jane@acme.com');
    expect(jane).toMatchObject({
      first_name: 'Jane',
      company: 'Acme Inc.',
      company_normalized: 'acme',
      channel: 'csv',
      source: 'trade_show',
      custom: { plan: 'pro' },
      idempotency_key: `csv:${done.fileSha256}:2`,
    });
    expect(leads.find((lead) => lead.email === 'erin@umbrella.com')?.phone).toBe('+14155552671');
  });

  it('pages through the errors with a cursor', async () => {
    const [mixed] = (await stack.api('GET', '/api/imports')).body.imports;
    const first = (await stack.api('GET', `/api/imports/${mixed.id}/errors?limit=3`)).body;
    expect(first.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5]);
    const second = (await stack.api('GET', `/api/imports/${mixed.id}/errors?limit=3&cursor=${first.nextCursor}`)).body;
    expect(second).toMatchObject({ errors: [{ row: 8 }], nextCursor: null });
  });

  it('creates nothing when the same file is imported again', async () => {
    const again = await upload(MIXED, { workflow: 'imported', mapping: JSON.stringify(MAPPING), source: 'trade_show' });
    expect(again.status).toBe(202);
    expect(await finished(again.body.id)).toMatchObject({
      status: 'completed',
      rows: { processed: 8, created: 0, duplicates: 4, failed: 4 },
    });
    expect(await leadsLike('%@%')).toHaveLength(3);
  });

  it('leaves the workflows to the pending-start sweep, which starts them no faster than the workers take them', async () => {
    const leads = await leadsLike('%@%');
    expect(leads.every((lead) => lead.workflow_started_at === null && lead.run_status === 'starting')).toBe(true);
    const sweep = { backlogLimit: 2, olderThanMs: 0 };
    await stack.worker?.stop();
    stack.worker = null;
    expect(await sweepOnce(stack.services, sweep)).toBe(2);
    // No worker takes them, so the backlog stays full and nothing more starts.
    expect(await sweepOnce(stack.services, sweep)).toBe(0);
    stack.worker = await stack.startWorker();
    await eventually(async () => {
      await sweepOnce(stack.services, sweep);
      const runs = await Promise.all(
        leads.map(async (lead) => (await stack.api('GET', `/api/leads/${lead.id}`)).body.run.status),
      );
      return runs.every((status) => status === 'completed');
    }, 'the imported leads to run to their end');
  });

  it('maps common header names by itself', async () => {
    const csv =
      'E-mail Address,Full Name,Organisation,Lead Source,Notes\nkim@lumon.com,kim ross,Lumon,webinar,likes waffles\n';
    const accepted = await upload(csv, { workflow: 'imported' });
    expect(accepted.body.mapping).toEqual({
      'E-mail Address': 'email',
      'Full Name': 'name',
      Organisation: 'company',
      'Lead Source': 'source',
      Notes: null,
    });
    expect(await finished(accepted.body.id)).toMatchObject({ rows: { created: 1, failed: 0 } });
    expect(await leadsLike('kim@lumon.com')).toEqual([
      expect.objectContaining({ first_name: 'Kim', last_name: 'Ross', source: 'webinar', custom: {} }),
    ]);
  });

  it('suggests, before any upload, the mapping an import of that header would use, and what a column can fill', async () => {
    const header = ['E-mail Address', 'Full Name', 'Organisation', 'Lead Source', 'Notes'];
    const suggestion = await stack.api('POST', '/api/imports/mapping', { header });
    expect(suggestion.status).toBe(200);
    expect(suggestion.body.mapping).toEqual({
      'E-mail Address': 'email',
      'Full Name': 'name',
      Organisation: 'company',
      'Lead Source': 'source',
      Notes: null,
    });
    expect(suggestion.body.fields.map((field: { value: string }) => field.value)).toEqual(
      expect.arrayContaining(['email', 'name', 'utm.campaign']),
    );
    expect(suggestion.body.fields.map((field: { value: string }) => field.value)).not.toContain('score');
    const empty = await stack.api('POST', '/api/imports/mapping', { header: [] });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('header');
  });

  it('refuses a bad mapping, a file without an email column, a workflow without csv and a non-CSV body, writing nothing', async () => {
    const before = (await stack.api('GET', '/api/imports')).body.imports.length;
    const typo = await upload(MIXED, { workflow: 'imported', mapping: '{"Email":"emial"}' });
    expect(typo).toMatchObject({
      status: 422,
      body: {
        code: 'INVALID_FIELD',
        errors: [{ path: 'mapping.Email', message: expect.stringContaining("'emial' is not a lead field") }],
      },
    });
    const missing = await upload(MIXED, { workflow: 'imported', mapping: '{"Mail":"email"}' });
    expect(missing).toMatchObject({
      status: 422,
      body: {
        code: 'INVALID_IMPORT',
        errors: [{ path: 'mapping.Mail', message: expect.stringContaining('is not a column of the file') }],
      },
    });
    const noEmail = await upload('Name,Company\nA,B\n', { workflow: 'imported' });
    expect(noEmail).toMatchObject({
      status: 422,
      body: { errors: [{ path: 'mapping', message: expect.stringContaining('no column maps to email') }] },
    });
    const notCsv = await upload(MIXED, { workflow: 'api-only' });
    expect(notCsv).toMatchObject({
      status: 422,
      body: { errors: [{ path: 'workflow', message: expect.stringContaining('does not take leads from csv') }] },
    });
    const json = await upload('{"email":"a@b.co"}', { workflow: 'imported' }, 'application/json');
    expect(json.status).toBe(415);
    expect((await stack.api('GET', '/api/imports')).body.imports).toHaveLength(before);
  });

  it('shows progress while a larger file imports, and a live import is never taken for an interrupted one', async () => {
    // Row 2602 (lead 2600) waits on an uncommitted lead with its address, so the import stops mid-file until it is released.
    const held = await holdEmail('big2600@bulk.example.com');
    const accepted = await upload(bigFile('big', 5000), { workflow: 'imported' });
    expect(accepted.body).toMatchObject({ status: 'running', rows: { total: 5000 } });
    const id = accepted.body.id as string;
    const seen: number[] = [];
    try {
      const midway = await eventually(async () => {
        const state = await importOf(id);
        seen.push(state.rows.processed);
        return state.rows.processed > 0 && state;
      }, 'rows to be processed');
      expect(midway).toMatchObject({ status: 'running', finishedAt: null });
      expect(midway.rows.processed).toBeLessThan(5000);
      expect(midway.rowsPerSecond).toBeGreaterThan(0);
      expect(await stack.services.imports.store.failInterrupted()).toBe(0);
      expect((await importOf(id)).status).toBe('running');
    } finally {
      await held.rollback().execute();
    }
    const done = await finished(id);
    seen.push(done.rows.processed);
    expect(done).toMatchObject({
      status: 'completed',
      rows: { total: 5000, processed: 5000, created: 5000, failed: 0 },
    });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.some((processed) => processed > 0 && processed < 5000)).toBe(true);
    expect(await leadsLike('big%')).toHaveLength(5000);
  });

  it('cancels mid-file: the batch in flight is rolled back and the counts match what was stored', async () => {
    const held = await holdEmail('cut2600@bulk.example.com');
    const accepted = await upload(bigFile('cut', 5000), { workflow: 'imported' });
    const id = accepted.body.id as string;
    try {
      await eventually(async () => (await importOf(id)).rows.processed > 0, 'rows to be processed');
      const cancelled = await stack.api('DELETE', `/api/imports/${id}`);
      expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    } finally {
      await held.rollback().execute();
    }
    await eventually(async () => stack.services.imports.running === 0, 'the run to stop');
    const final = await importOf(id);
    expect(final.status).toBe('cancelled');
    expect(final.rows.processed).toBeLessThan(5000);
    expect(await leadsLike('cut%')).toHaveLength(final.rows.created);
    expect((await stack.api('DELETE', `/api/imports/${id}`)).status).toBe(409);
  });

  it('marks an import whose server died as failed, so it can be run again', async () => {
    const workflow = await stack.db
      .selectFrom('workflows')
      .select('id')
      .where('slug', '=', 'imported')
      .executeTakeFirstOrThrow();
    // What a crash leaves: a running import that no live run holds the lock of.
    const orphan = await stack.db
      .insertInto('imports')
      .values({
        id: crypto.randomUUID(),
        file_name: 'crashed.csv',
        file_sha256: 'f'.repeat(64),
        file_bytes: 10,
        mapping: '{}',
        options: '{}',
        workflow_id: workflow.id,
        workflow_version: 1,
        status: 'running',
        created_by: 'test',
        started_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await stack.services.imports.store.failInterrupted()).toBe(1);
    expect(await importOf(orphan.id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('interrupted'),
      finishedAt: expect.any(String),
    });
  });

  it('documents the upload as a text/csv body in OpenAPI', async () => {
    const doc = (await stack.api('GET', '/docs/json')).body;
    expect(Object.keys(doc.paths['/api/imports/{id}/errors'])).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/imports'].post.requestBody.content)).toEqual(['text/csv', 'application/csv']);
  });
});

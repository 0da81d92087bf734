import { createDatabase, type Database, migrateTo, migrateToLatest } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createIsolatedDatabase } from '@leadflow/engine/local-services';

const t = (minute: number) => new Date(Date.parse('2025-06-02T10:00:00Z') + minute * 60_000);

describe('migration 008 backfills stages and node times from what existing leads show', () => {
  let db: Kysely<Database>;
  const ids: Record<string, string> = {};

  const step = (
    leadId: string,
    seq: number,
    nodeId: string,
    nodeType: string,
    minute: number,
    output: Record<string, unknown> | null,
    status = 'completed',
  ) => ({
    lead_id: leadId,
    seq,
    node_id: nodeId,
    node_type: nodeType,
    type_version: 1,
    visit: 1,
    status,
    port: 'out',
    input: null,
    output: output && JSON.stringify(output),
    reason: null,
    error: null,
    attempts: 1,
    started_at: t(minute),
    ended_at: status === 'completed' ? t(minute) : null,
    waiting: null,
  });

  beforeAll(async () => {
    db = createDatabase(await createIsolatedDatabase(inject('databaseUrl')));
    await migrateTo(db, '004-duplicate-keys');
    const workflow = await db
      .insertInto('workflows')
      .values({ slug: 'old', name: 'Old', draft: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lead = async (
      key: string,
      status: string,
      fields: Record<string, unknown> = {},
      node: string | null = null,
    ) => {
      const email = `${key}@before.test`;
      const row = await db
        .insertInto('leads')
        .values({
          workflow_id: workflow.id,
          workflow_version: 1,
          email,
          email_normalized: email,
          status,
          fields: JSON.stringify(fields),
          custom: '{}',
          first_touch: '{}',
          last_touch: '{}',
          current_node_id: node,
          run_status: node ? 'waiting' : 'completed',
          created_at: t(0),
          updated_at: t(500),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[key] = row.id;
      return row.id;
    };
    // Scored MQL, then SQL; a meeting and a won status came as events.
    const won = await lead('won', 'won', { mql: true, sql: true });
    await db
      .insertInto('steps')
      .values([
        step(won, 1, 'score', 'score', 1, { mql: true, sql: false }),
        step(won, 2, 'rescore', 'score', 30, { mql: true, sql: true }),
      ])
      .execute();
    // The schema of migration 004 has no event sequence numbers yet (013 numbers these).
    await db
      .insertInto('lead_events')
      .values([
        { lead_id: won, type: 'meeting_booked', data: '{}', occurred_at: t(60) },
        { lead_id: won, type: 'status_changed', data: JSON.stringify({ status: 'won' }), occurred_at: t(90) },
      ] as never)
      .execute();
    // Disqualified by a disqualify node.
    const dq = await lead('dq', 'disqualified');
    await db
      .insertInto('steps')
      .values([
        step(dq, 1, 'score', 'score', 1, { mql: false, sql: false }),
        step(dq, 2, 'dq', 'disqualify', 2, { reason: 'no_need' }),
      ])
      .execute();
    // No steps kept: only the lead's fields say it is an MQL.
    await lead('flagged', 'nurture', { mql: true, sql: false });
    // An end node set a status meaning SQL: dated by the lead's last update.
    await lead('qualified', 'qualified');
    // Waiting at a node since minute 7.
    const waiting = await lead('waiting', 'working', {}, 'await');
    await db
      .insertInto('steps')
      .values([step(waiting, 1, 'assign', 'assign', 3, null), step(waiting, 2, 'await', 'wait', 7, null, 'waiting')])
      .execute();

    expect(await migrateToLatest(db)).toContain('008-metrics');
  });
  afterAll(() => db?.destroy());

  const moves = (key: string) =>
    db
      .selectFrom('lead_stage_changes')
      .select(['from_stage', 'to_stage', 'changed_at', 'step_seq'])
      .where('lead_id', '=', ids[key] as string)
      .orderBy('id')
      .execute()
      .then((rows) => rows.map((m) => [m.from_stage, m.to_stage, m.changed_at.toISOString(), m.step_seq]));
  const stageOf = async (key: string) =>
    (
      await db
        .selectFrom('leads')
        .select('stage')
        .where('id', '=', ids[key] as string)
        .executeTakeFirstOrThrow()
    ).stage;

  it('replays score steps, disqualify steps and stage events in time order', async () => {
    expect(await moves('won')).toEqual([
      ['new', 'mql', t(1).toISOString(), 1],
      ['mql', 'sql', t(30).toISOString(), 2],
      ['sql', 'meeting', t(60).toISOString(), null],
      ['meeting', 'won', t(90).toISOString(), null],
    ]);
    expect(await stageOf('won')).toBe('won');
    expect(await moves('dq')).toEqual([['new', 'disqualified', t(2).toISOString(), 2]]);
    expect(await stageOf('dq')).toBe('disqualified');
  });

  it("falls back to the lead's current flags and status, dated by its last update", async () => {
    expect(await moves('flagged')).toEqual([['new', 'mql', t(500).toISOString(), null]]);
    expect(await moves('qualified')).toEqual([['new', 'sql', t(500).toISOString(), null]]);
    expect(await moves('waiting')).toEqual([]);
    expect(await stageOf('waiting')).toBe('new');
  });

  it('dates a lead at a node from the step that took it there', async () => {
    const row = await db
      .selectFrom('leads')
      .select('node_since')
      .where('id', '=', ids.waiting as string)
      .executeTakeFirstOrThrow();
    expect(row.node_since?.toISOString()).toBe(t(7).toISOString());
  });

  it('rolls back and forward again to the same history', async () => {
    const before = await moves('won');
    await migrateTo(db, '004-duplicate-keys');
    expect(await migrateToLatest(db)).toContain('008-metrics');
    expect(await moves('won')).toEqual(before);
  });
});

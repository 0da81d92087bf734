import { type Kysely, sql } from 'kysely';
import { type LeadStage, nextStage, STAGE_OF_STATUS, type StageSignal } from '../lead-stage.js';

/**
 * What the metrics read: each lead's funnel stage and the history of its moves (so conversion and
 * cohorts are queries, not reconstructions), since when a lead sits at its node (stuck leads), and
 * an index for each metric query. Existing leads are backfilled from their steps, events and
 * current fields.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE leads
      ADD COLUMN stage text NOT NULL DEFAULT 'new'
        CHECK (stage IN ('new', 'mql', 'sql', 'meeting', 'won', 'disqualified')),
      ADD COLUMN node_since timestamptz;

    CREATE TABLE lead_stage_changes (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      lead_id uuid NOT NULL REFERENCES leads(id),
      from_stage text NOT NULL,
      to_stage text NOT NULL CHECK (to_stage IN ('mql', 'sql', 'meeting', 'won', 'disqualified')),
      changed_at timestamptz NOT NULL,
      step_seq integer,
      event_id uuid REFERENCES lead_events(id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX lead_stage_changes_lead ON lead_stage_changes (lead_id, changed_at);
    -- A retried write of the same step or event never records the move twice.
    CREATE UNIQUE INDEX lead_stage_changes_step ON lead_stage_changes (lead_id, step_seq, to_stage) WHERE step_seq IS NOT NULL;
    CREATE UNIQUE INDEX lead_stage_changes_event ON lead_stage_changes (event_id, to_stage) WHERE event_id IS NOT NULL;

    -- Cohort filters: leads captured in a range, by source or by team.
    CREATE INDEX leads_source_created ON leads (source, created_at);
    CREATE INDEX leads_team_created ON leads (team_id, created_at);
    -- Stuck leads: at a node since before a threshold.
    CREATE INDEX leads_node_since ON leads (node_since) WHERE current_node_id IS NOT NULL;
    -- Speed-to-lead and SLA: a lead's first contact, its first and next assignment to a rep.
    CREATE INDEX lead_events_contacted ON lead_events (lead_id, occurred_at) WHERE type = 'contacted';
    CREATE INDEX assignments_lead_given ON assignments (lead_id, created_at) WHERE rep_id IS NOT NULL;

    UPDATE leads l SET node_since = coalesce(
      (SELECT s.started_at FROM steps s WHERE s.lead_id = l.id AND s.node_id = l.current_node_id ORDER BY s.seq DESC LIMIT 1),
      l.updated_at)
    WHERE l.current_node_id IS NOT NULL;
  `.execute(db);
  await backfillStages(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX assignments_lead_given, lead_events_contacted, leads_node_since, leads_team_created, leads_source_created;
    DROP TABLE lead_stage_changes;
    ALTER TABLE leads DROP COLUMN node_since, DROP COLUMN stage;
  `.execute(db);
}

interface Evidence {
  lead_id: string;
  at: Date;
  signal: string;
  step_seq: number | null;
  event_id: string | null;
}

/** 'flag:sql', 'status:won', 'event:meeting_booked' → the signal it is, as the live write paths read it. */
function signalOf(evidence: string): StageSignal | null {
  const [kind, value = ''] = evidence.split(':', 2) as [string, string?];
  if (kind === 'flag') return { stage: value as LeadStage, explicit: false };
  if (kind === 'event') return { stage: 'meeting', explicit: false };
  const stage = STAGE_OF_STATUS[value];
  return stage ? { stage, explicit: true } : null;
}

const BATCH = 500;

/**
 * Replays what existing leads show, oldest first: score steps (MQL/SQL flags), disqualify steps,
 * meeting and status events, and last the lead's current status and flags (end nodes do not keep
 * their config in the trail, so their status is dated by the lead's last update).
 */
async function backfillStages(db: Kysely<unknown>): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const ids = (
      await sql<{ id: string }>`SELECT id FROM leads WHERE id > ${after}::uuid ORDER BY id LIMIT ${BATCH}`.execute(db)
    ).rows.map((row) => row.id);
    if (ids.length === 0) return;
    after = ids[ids.length - 1] as string;
    const evidence = await sql<Evidence>`
      SELECT lead_id, at, signal, step_seq, event_id FROM (
        SELECT lead_id, coalesce(ended_at, started_at) AS at, 0 AS late,
          CASE WHEN output->>'sql' = 'true' THEN 'flag:sql' ELSE 'flag:mql' END AS signal, seq AS step_seq, NULL::uuid AS event_id
        FROM steps WHERE lead_id = ANY(${ids}::uuid[]) AND node_type = 'score' AND status = 'completed' AND (output->>'mql' = 'true' OR output->>'sql' = 'true')
        UNION ALL
        SELECT lead_id, coalesce(ended_at, started_at), 0, 'status:disqualified', seq, NULL
        FROM steps WHERE lead_id = ANY(${ids}::uuid[]) AND node_type = 'disqualify' AND status = 'completed'
        UNION ALL
        SELECT lead_id, occurred_at, 0, CASE WHEN type = 'meeting_booked' THEN 'event:meeting_booked' ELSE 'status:' || (data->>'status') END, NULL, id
        FROM lead_events WHERE lead_id = ANY(${ids}::uuid[]) AND (type = 'meeting_booked' OR (type = 'status_changed' AND data ? 'status'))
        UNION ALL
        SELECT id, updated_at, 1, CASE WHEN fields->>'sql' = 'true' THEN 'flag:sql' ELSE 'flag:mql' END, NULL, NULL
        FROM leads WHERE id = ANY(${ids}::uuid[]) AND (fields->>'mql' = 'true' OR fields->>'sql' = 'true')
        UNION ALL
        SELECT id, updated_at, 2, 'status:' || status, NULL, NULL FROM leads WHERE id = ANY(${ids}::uuid[])
      ) evidence
      ORDER BY lead_id, late, at`.execute(db);

    const stages = new Map<string, LeadStage>();
    const moves: Array<{
      lead_id: string;
      from_stage: string;
      to_stage: string;
      changed_at: Date;
      step_seq: number | null;
      event_id: string | null;
    }> = [];
    for (const row of evidence.rows) {
      const signal = signalOf(row.signal);
      const current = stages.get(row.lead_id) ?? 'new';
      const next = signal && nextStage(current, signal);
      if (!next) continue;
      moves.push({
        lead_id: row.lead_id,
        from_stage: current,
        to_stage: next,
        changed_at: row.at,
        step_seq: row.step_seq,
        event_id: row.event_id,
      });
      stages.set(row.lead_id, next);
    }
    if (moves.length === 0) continue;
    await (db as Kysely<{ lead_stage_changes: (typeof moves)[number] }>)
      .insertInto('lead_stage_changes')
      .values(moves)
      .onConflict((oc) => oc.doNothing())
      .execute();
    const leadIds = [...stages.keys()];
    const leadStages = leadIds.map((id) => stages.get(id) as string);
    await sql`UPDATE leads SET stage = s.stage FROM unnest(${leadIds}::uuid[], ${leadStages}::text[]) AS s(id, stage) WHERE leads.id = s.id`.execute(
      db,
    );
  }
}

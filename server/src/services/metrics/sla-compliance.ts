import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';
import { cohortWhere, type MetricScope, percent } from './metric-scope.js';
import type { SlaCompliance as SlaReport, Unscoped } from '../../contract/metrics.js';

export type SlaCounts = SlaCompliance['overall'];

/** SlaSchema without its scope. */
export type SlaCompliance = Unscoped<SlaReport>;

interface Row {
  level: number;
  rep_id: string | null;
  rep_name: string | null;
  rep_team_id: string | null;
  team_id: string | null;
  team_name: string | null;
  assignments: number;
  met: number;
  missed: number;
  pending: number;
}

const counts = (row: Row): SlaCounts => ({
  assignments: row.assignments,
  met: row.met,
  missed: row.missed,
  pending: row.pending,
  compliancePct: percent(row.met, row.met + row.missed),
});

/**
 * SLA compliance per assignment: the clock starts when a rep is given the lead (so each owner is
 * judged on their own turn, as the SLA workflow reassigns). Met: the lead's first contact after
 * the assignment came within the SLA and before the lead was given to someone else. Missed: the
 * window (the SLA, cut short by a reassignment) closed without one. Pending: still open.
 * The team filter is the assignment's team; the cohort is leads captured in the range.
 */
export async function slaCompliance(
  db: Kysely<Database>,
  scope: MetricScope,
  slaMinutes: number,
  now = new Date(),
): Promise<SlaCompliance> {
  const sla = sql`make_interval(mins => ${slaMinutes})`;
  const team = scope.team ? sql`AND a.team_id = ${scope.team}` : sql``;
  const { rows } = await sql<Row>`
    WITH given AS MATERIALIZED (
      SELECT a.rep_id, a.team_id, a.created_at AS at,
        (SELECT min(n.created_at) FROM assignments n WHERE n.lead_id = a.lead_id AND n.rep_id IS NOT NULL AND n.created_at > a.created_at) AS next_at,
        (SELECT min(e.occurred_at) FROM lead_events e WHERE e.lead_id = a.lead_id AND e.type = 'contacted' AND e.occurred_at >= a.created_at) AS contact_at
      FROM leads l
      JOIN assignments a ON a.lead_id = l.id AND a.rep_id IS NOT NULL
      WHERE ${cohortWhere(scope, { team: false })} ${team}
    ),
    judged AS (
      SELECT rep_id, team_id,
        CASE
          WHEN contact_at <= at + ${sla} AND (next_at IS NULL OR contact_at < next_at) THEN 'met'
          WHEN least(at + ${sla}, next_at) <= ${now} THEN 'missed'
          ELSE 'pending'
        END AS outcome
      FROM given
    ),
    grouped AS (
      SELECT grouping(rep_id, team_id)::int AS level, rep_id, team_id,
        count(*)::int AS assignments,
        (count(*) FILTER (WHERE outcome = 'met'))::int AS met,
        (count(*) FILTER (WHERE outcome = 'missed'))::int AS missed,
        (count(*) FILTER (WHERE outcome = 'pending'))::int AS pending
      FROM judged
      GROUP BY GROUPING SETS ((rep_id), (team_id), ())
    )
    SELECT g.*, r.name AS rep_name, r.team_id AS rep_team_id, t.name AS team_name
    FROM grouped g
    LEFT JOIN reps r ON r.id = g.rep_id
    LEFT JOIN teams t ON t.id = g.team_id
    ORDER BY g.level, g.assignments DESC, coalesce(r.name, t.name, '')`.execute(db);

  // grouping(rep_id, team_id): 1 = per rep, 2 = per team, 3 = everything.
  const overall = rows.find((row) => row.level === 3);
  return {
    slaMinutes,
    overall: overall ? counts(overall) : { assignments: 0, met: 0, missed: 0, pending: 0, compliancePct: null },
    byTeam: rows
      .filter((row) => row.level === 2)
      .map((row) => ({ teamId: row.team_id, teamName: row.team_name, ...counts(row) })),
    byRep: rows
      .filter((row) => row.level === 1)
      .map((row) => ({ repId: row.rep_id as string, repName: row.rep_name, teamId: row.rep_team_id, ...counts(row) })),
  };
}

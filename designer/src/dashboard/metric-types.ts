/** The answers of GET /api/metrics/*, as the dashboard reads them. */

export interface Scoped {
  range: { from: string; to: string };
  filters: { team: string | null; source: string | null };
}

export interface Distribution {
  n: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  buckets: Array<{ label: string; n: number }>;
}

export interface ResponseTimes extends Scoped {
  leads: number;
  speedToLead: Distribution & {
    notContacted: number;
    withinSla: number;
    withinSlaPct: number | null;
    slaMinutes: number;
  };
  timeToAssign: Distribution & { unassigned: number };
}

export interface SlaCounts {
  assignments: number;
  met: number;
  missed: number;
  pending: number;
  compliancePct: number | null;
}

export interface SlaCompliance extends Scoped {
  slaMinutes: number;
  overall: SlaCounts;
  byTeam: Array<SlaCounts & { teamId: string | null; teamName: string | null }>;
  byRep: Array<SlaCounts & { repId: string; repName: string | null; teamId: string | null }>;
}

export interface FunnelStep {
  stage: string;
  reached: number;
  fromPreviousPct: number | null;
  fromNewPct: number | null;
}

export interface StageConversion extends Scoped {
  n: number;
  funnel: FunnelStep[];
  disqualified: { n: number; pct: number | null; now: number };
  transitions: Array<{ from: string; to: string; n: number }>;
}

export interface ReachedCounts {
  new: number;
  mql: number;
  sql: number;
  meeting: number;
  won: number;
  disqualified: number;
  contacted: number;
}

export interface SourceRow extends ReachedCounts {
  source: string;
  leads: number;
  sqlPct: number | null;
  wonPct: number | null;
}

export interface SourceAttribution extends Scoped {
  n: number;
  firstTouch: SourceRow[];
  lastTouch: SourceRow[];
}

export interface DisqualificationReasons extends Scoped {
  n: number;
  reasons: Array<{ reason: string; n: number; pct: number | null }>;
  fromStage: Array<{ stage: string; n: number }>;
}

export interface WeeklyCohorts extends Scoped {
  n: number;
  weeks: Array<
    ReachedCounts & {
      week: string;
      leads: number;
      contactedPct: number | null;
      sqlPct: number | null;
      wonPct: number | null;
    }
  >;
}

export interface StuckLeads extends Scoped {
  stuckMinutes: number;
  asOf: string;
  n: number;
  byNode: Array<{ workflowId: string; workflowName: string; nodeId: string; n: number; oldestSince: string }>;
  leads: Array<{
    id: string;
    email: string;
    name: string | null;
    company: string | null;
    workflowName: string;
    nodeId: string;
    runStatus: string;
    ownerName: string | null;
    since: string;
    minutes: number;
  }>;
  notStarted: number;
}

/** Everything the page shows, fetched together for one set of filters. */
export interface DashboardData {
  responseTimes: ResponseTimes;
  sla: SlaCompliance;
  conversion: StageConversion;
  sources: SourceAttribution;
  disqualifications: DisqualificationReasons;
  cohorts: WeeklyCohorts;
  stuck: StuckLeads;
}

export interface Team {
  id: string;
  name: string;
}

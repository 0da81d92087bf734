import { type Static, type TSchema, Type } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });
const Pct = Nullable(Type.Number({ description: 'Percent, one decimal; null when the denominator is 0.' }));
const Seconds = Nullable(Type.Number({ description: 'Seconds; null when nothing was measured.' }));

const rangeQuery = {
  from: Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'ISO date or date-time: leads captured at or after it. Default: 30 days before `to`.',
    }),
  ),
  to: Type.Optional(
    Type.String({ maxLength: 40, description: 'ISO date (that day included) or date-time (excluded). Default: now.' }),
  ),
  team: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: "Team id: the lead's team (for SLA: the assignment's team).",
    }),
  ),
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Lead source, e.g. demo_request.' })),
};
const slaMinutes = Type.Optional(
  Type.Integer({
    minimum: 1,
    maximum: 7 * 24 * 60,
    description: 'Response-time target in minutes. Default 5 (the 5-minute rule).',
  }),
);

export const MetricQuery = Type.Object(rangeQuery, { additionalProperties: false });
export const SlaMetricQuery = Type.Object({ ...rangeQuery, slaMinutes }, { additionalProperties: false });
export const StuckMetricQuery = Type.Object(
  {
    ...rangeQuery,
    stuckMinutes: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 366 * 24 * 60,
        description: 'At one node longer than this is stuck. Default 1440 (a day).',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Every answer says what it was computed for. */
const scoped = <T extends Record<string, TSchema>>(properties: T) =>
  Type.Object({
    range: Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) }),
    filters: Type.Object({ team: Nullable(Type.String()), source: Nullable(Type.String()) }),
    ...properties,
  });

const distribution = {
  n: Count,
  medianSeconds: Seconds,
  p90Seconds: Seconds,
  buckets: Type.Array(Type.Object({ label: Type.String(), n: Count })),
};

export const ResponseTimesSchema = scoped({
  leads: Count,
  speedToLead: Type.Object(
    { ...distribution, notContacted: Count, withinSla: Count, withinSlaPct: Pct, slaMinutes: Type.Integer() },
    { description: 'Capture → first contacted event.' },
  ),
  timeToAssign: Type.Object(
    { ...distribution, unassigned: Count },
    { description: 'Capture → first assignment to a rep.' },
  ),
});

const slaCounts = { assignments: Count, met: Count, missed: Count, pending: Count, compliancePct: Pct };
export const SlaSchema = scoped({
  slaMinutes: Type.Integer(),
  overall: Type.Object(slaCounts),
  byTeam: Type.Array(Type.Object({ teamId: Nullable(Type.String()), teamName: Nullable(Type.String()), ...slaCounts })),
  byRep: Type.Array(
    Type.Object({
      repId: Type.String(),
      repName: Nullable(Type.String()),
      teamId: Nullable(Type.String()),
      ...slaCounts,
    }),
  ),
});

const reached = {
  new: Count,
  mql: Count,
  sql: Count,
  meeting: Count,
  won: Count,
  disqualified: Count,
  contacted: Count,
};
const FunnelStep = Type.Object({ stage: Type.String(), reached: Count, fromPreviousPct: Pct, fromNewPct: Pct });
export const ConversionSchema = scoped({
  n: Count,
  funnel: Type.Array(FunnelStep),
  disqualified: Type.Object({ n: Count, pct: Pct, now: Count }),
  transitions: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), n: Count })),
});

const SourceRow = Type.Object({ source: Type.String(), leads: Count, ...reached, sqlPct: Pct, wonPct: Pct });
export const SourcesSchema = scoped({ n: Count, firstTouch: Type.Array(SourceRow), lastTouch: Type.Array(SourceRow) });

export const DisqualificationsSchema = scoped({
  n: Count,
  reasons: Type.Array(Type.Object({ reason: Type.String(), n: Count, pct: Pct })),
  fromStage: Type.Array(Type.Object({ stage: Type.String(), n: Count })),
});

export const CohortsSchema = scoped({
  n: Count,
  weeks: Type.Array(
    Type.Object({
      week: Type.String({ format: 'date' }),
      leads: Count,
      ...reached,
      contactedPct: Pct,
      sqlPct: Pct,
      wonPct: Pct,
    }),
  ),
});

export const StuckSchema = scoped({
  stuckMinutes: Type.Integer(),
  asOf: Type.String({ format: 'date-time' }),
  n: Count,
  byNode: Type.Array(
    Type.Object({
      workflowId: Type.String(),
      workflowName: Type.String(),
      nodeId: Type.String(),
      n: Count,
      oldestSince: Type.String({ format: 'date-time' }),
    }),
  ),
  leads: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      email: Type.String(),
      name: Nullable(Type.String()),
      company: Nullable(Type.String()),
      workflowId: Type.String(),
      workflowName: Type.String(),
      nodeId: Type.String(),
      runStatus: Type.String(),
      ownerId: Nullable(Type.String()),
      ownerName: Nullable(Type.String()),
      since: Type.String({ format: 'date-time' }),
      minutes: Count,
    }),
  ),
  notStarted: Count,
});

export type ResponseTimes = Static<typeof ResponseTimesSchema>;
export type SlaCompliance = Static<typeof SlaSchema>;
export type Conversion = Static<typeof ConversionSchema>;
export type SourceAttribution = Static<typeof SourcesSchema>;
export type Disqualifications = Static<typeof DisqualificationsSchema>;
export type Cohorts = Static<typeof CohortsSchema>;
export type StuckLeads = Static<typeof StuckSchema>;

/** A report as a service computes it; the route adds the scope (range and filters). */
export type Unscoped<T> = Omit<T, 'range' | 'filters'>;

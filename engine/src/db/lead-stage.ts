import type { LeadPatch } from '../lead/lead-context.js';

/**
 * The funnel a lead moves through, for reporting: captured (`new`), marketing-qualified, sales-
 * qualified, a meeting booked, won — or disqualified, which can happen at any point. A lead's
 * `status` is free text set by workflows; its stage is derived from it and from the score's
 * MQL/SQL flags and the `meeting_booked` event, so conversion is comparable across workflows.
 */
export const LEAD_STAGES = ['new', 'mql', 'sql', 'meeting', 'won', 'disqualified'] as const;

export type LeadStage = (typeof LEAD_STAGES)[number];

/** The forward stages in order; a lead's rank is how far along it got. */
export const FUNNEL_STAGES = ['new', 'mql', 'sql', 'meeting', 'won'] as const satisfies readonly LeadStage[];

/** Statuses a workflow or an outside system sets that mean a stage (others, like `working`, do not move the funnel). */
export const STAGE_OF_STATUS: Readonly<Record<string, LeadStage>> = {
  mql: 'mql',
  marketing_qualified: 'mql',
  sql: 'sql',
  qualified: 'sql',
  sales_qualified: 'sql',
  meeting: 'meeting',
  meeting_booked: 'meeting',
  meeting_scheduled: 'meeting',
  won: 'won',
  closed_won: 'won',
  customer: 'won',
  disqualified: 'disqualified',
};

/**
 * Evidence that a lead reached a stage. `explicit`: someone set the status, which may bring a
 * disqualified lead back; a score flag or a booked meeting alone never does.
 */
export interface StageSignal {
  stage: LeadStage;
  explicit: boolean;
}

const rank = (stage: LeadStage): number => (FUNNEL_STAGES as readonly string[]).indexOf(stage);

/** The stage a signal moves the lead to from `current`, or null when it does not move it (the funnel only goes forward). */
export function nextStage(current: LeadStage, signal: StageSignal): LeadStage | null {
  if (signal.stage === current) return null;
  if (signal.stage === 'disqualified') return 'disqualified';
  if (current === 'disqualified') return signal.explicit ? signal.stage : null;
  return rank(signal.stage) > rank(current) ? signal.stage : null;
}

/** What a node's lead patch says about the stage: the score's flags first, then an explicit status. */
export function stageSignalsOfPatch(patch: LeadPatch | null): StageSignal[] {
  if (!patch) return [];
  const signals: StageSignal[] = [];
  if (patch.sql === true) signals.push({ stage: 'sql', explicit: false });
  else if (patch.mql === true) signals.push({ stage: 'mql', explicit: false });
  const byStatus = typeof patch.status === 'string' ? STAGE_OF_STATUS[patch.status] : undefined;
  if (byStatus) signals.push({ stage: byStatus, explicit: true });
  return signals;
}

/** What an outside event says about the stage: a booked meeting, a rep's disqualification, or a status change that means a stage. */
export function stageSignalOfEvent(type: string, data: Record<string, unknown> | undefined): StageSignal | null {
  if (type === 'meeting_booked') return { stage: 'meeting', explicit: false };
  if (type === 'disqualified') return { stage: 'disqualified', explicit: true };
  const status = type === 'status_changed' ? data?.status : undefined;
  const stage = typeof status === 'string' ? STAGE_OF_STATUS[status] : undefined;
  return stage ? { stage, explicit: true } : null;
}

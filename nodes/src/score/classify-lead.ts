import type { LeadContext } from '@leadflow/engine';

/** The thresholds every score version sorts by. */
export interface ScoreThresholds {
  fitThreshold: number;
  intentThreshold: number;
  mqlThreshold: number;
  sqlThreshold: number;
}

/** Where the fit and intent scores put a lead: its tier and MQL/SQL flags. */
export interface LeadClassification {
  total: number;
  tier: 1 | 2 | 3 | 4;
  fitKnown: boolean;
  mql: boolean;
  sql: boolean;
}

/** Whether anything is known about the lead's company or role, so "low fit" is not just "no data". */
export function hasFitData(lead: Readonly<LeadContext>): boolean {
  return Boolean(lead.companyDomain || lead.title || lead.employees || lead.industry);
}

/**
 * The tiers of the seven-step process: 1 high fit and high intent (sales now), 2 high fit and
 * low intent (nurture), 3 low fit (disqualify or light nurture), 4 high intent but no fit data
 * (SDR call to check fit). MQL and SQL go by the total.
 */
export function classifyLead(
  thresholds: ScoreThresholds,
  lead: Readonly<LeadContext>,
  fit: number,
  intent: number,
): LeadClassification {
  const total = fit + intent;
  const fitKnown = hasFitData(lead);
  const highFit = fitKnown && fit >= thresholds.fitThreshold;
  const highIntent = intent >= thresholds.intentThreshold;
  const tier = highFit ? (highIntent ? 1 : 2) : !fitKnown && highIntent ? 4 : 3;
  return { total, tier, fitKnown, mql: total >= thresholds.mqlThreshold, sql: total >= thresholds.sqlThreshold };
}

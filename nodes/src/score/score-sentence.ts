import type { LeadClassification } from './classify-lead.js';

/** "+30", "-50": points as the step trail shows them. */
export function signedPoints(points: number, decimals = 0): string {
  return `${points >= 0 ? '+' : ''}${points.toFixed(decimals)}`;
}

/** The opening of every score reason: "fit 60, intent 60, total 120 → tier 1". */
export function describeTotals(result: { fit: number; intent: number } & LeadClassification): string {
  return `fit ${result.fit}, intent ${result.intent}, total ${result.total} → tier ${result.tier}${result.fitKnown ? '' : ' (no fit data)'}`;
}

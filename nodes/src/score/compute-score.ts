import type { LeadContext } from '@leadflow/engine';
import type { Static } from 'typebox';
import { classifyLead, type LeadClassification } from './classify-lead.js';
import { type FiredRule, firedConditionRules, sumPoints } from './condition-rules.js';
import type { scoreConfigSchema } from './definition.js';
import { describeTotals, signedPoints } from './score-sentence.js';

export type { FiredRule } from './condition-rules.js';

type ScoreConfig = Static<typeof scoreConfigSchema>;

export interface ScoreResult extends LeadClassification {
  fit: number;
  intent: number;
  fired: FiredRule[];
}

/** Pure scoring: same lead and config, same result. The tiers follow the seven-step process. */
export function computeScore(config: ScoreConfig, lead: Readonly<LeadContext>): ScoreResult {
  const fitRules = firedConditionRules('fit', config.fitRules, lead);
  const intentRules = firedConditionRules('intent', config.intentRules, lead);
  const fit = sumPoints(fitRules);
  const intent = sumPoints(intentRules);
  return { fit, intent, ...classifyLead(config, lead, fit, intent), fired: [...fitRules, ...intentRules] };
}

/** One sentence for the step trail: the totals, the tier and every rule that fired. */
export function describeScore(result: ScoreResult): string {
  const rules = result.fired.map((rule) => `${rule.label} ${signedPoints(rule.points)}`).join(', ') || 'no rule fired';
  return `${describeTotals(result)}; ${rules}`;
}

import { evaluateExpression, isTruthy, type LeadContext } from '@leadflow/engine';
import type { Static } from 'typebox';
import type { scoreConfigSchema } from './definition.js';

type ScoreConfig = Static<typeof scoreConfigSchema>;

export interface FiredRule {
  kind: 'fit' | 'intent';
  label: string;
  points: number;
}

export interface ScoreResult {
  fit: number;
  intent: number;
  total: number;
  tier: 1 | 2 | 3 | 4;
  fitKnown: boolean;
  mql: boolean;
  sql: boolean;
  fired: FiredRule[];
}

/** Whether anything is known about the lead's company or role, so "low fit" is not just "no data". */
function hasFitData(lead: Readonly<LeadContext>): boolean {
  return Boolean(lead.companyDomain || lead.title || lead.employees || lead.industry);
}

/** Pure scoring: same lead and config, same result. The tiers follow the seven-step process. */
export function computeScore(config: ScoreConfig, lead: Readonly<LeadContext>): ScoreResult {
  const scope = lead as unknown as Record<string, unknown>;
  const fired: FiredRule[] = [];
  const sum = (kind: FiredRule['kind'], rules: ScoreConfig['fitRules']): number =>
    rules.reduce((total, rule) => {
      if (!isTruthy(evaluateExpression(rule.when, scope))) return total;
      fired.push({ kind, label: rule.label, points: rule.points });
      return total + rule.points;
    }, 0);
  const fit = sum('fit', config.fitRules);
  const intent = sum('intent', config.intentRules);
  const total = fit + intent;
  const fitKnown = hasFitData(lead);
  const highFit = fitKnown && fit >= config.fitThreshold;
  const highIntent = intent >= config.intentThreshold;
  const tier = highFit ? (highIntent ? 1 : 2) : !fitKnown && highIntent ? 4 : 3;
  return { fit, intent, total, tier, fitKnown, mql: total >= config.mqlThreshold, sql: total >= config.sqlThreshold, fired };
}

export function describeScore(result: ScoreResult): string {
  const rules = result.fired.map((rule) => `${rule.label} ${rule.points >= 0 ? '+' : ''}${rule.points}`).join(', ') || 'no rule fired';
  return `fit ${result.fit}, intent ${result.intent}, total ${result.total} → tier ${result.tier}${result.fitKnown ? '' : ' (no fit data)'}; ${rules}`;
}

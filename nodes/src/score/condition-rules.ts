import { evaluateExpression, isTruthy, type LeadContext } from '@leadflow/engine';

/** A condition rule: points when `when` holds for the lead. */
export interface ConditionRule {
  label: string;
  when: string;
  points: number;
}

/** A rule that held, with the points it gave. */
export interface FiredRule {
  kind: 'fit' | 'intent';
  label: string;
  points: number;
}

/** The rules whose condition holds for the lead, in config order. */
export function firedConditionRules(
  kind: FiredRule['kind'],
  rules: readonly ConditionRule[],
  lead: Readonly<LeadContext>,
): FiredRule[] {
  const scope = lead as unknown as Record<string, unknown>;
  return rules
    .filter((rule) => isTruthy(evaluateExpression(rule.when, scope)))
    .map((rule) => ({ kind, label: rule.label, points: rule.points }));
}

export const sumPoints = (rules: readonly { points: number }[]): number =>
  rules.reduce((total, rule) => total + rule.points, 0);

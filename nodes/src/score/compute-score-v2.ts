import type { LeadContext } from '@leadflow/engine';
import { parseDuration } from '../wait/duration.js';
import { classifyLead, type LeadClassification } from './classify-lead.js';
import { type FiredRule, firedConditionRules, sumPoints } from './condition-rules.js';
import { type EventRule, eventRulesOf, type ScoreV2Config } from './definition-v2.js';
import { type FiredEventRule, type ScoreEvent, scoreEventRule, timedEvents } from './event-rules.js';
import { roundPoints } from './round-points.js';
import { describeTotals, signedPoints } from './score-sentence.js';

export interface ScoreV2Result extends LeadClassification {
  fit: number;
  /** Condition and event points together, rounded to an integer once, at the end. */
  intent: number;
  /** Fit rules, then intent condition rules, then event rules, each in config order. */
  fired: Array<FiredRule | FiredEventRule>;
}

function halfLifeMs(rule: EventRule, path: string): number {
  const ms = parseDuration(rule.halfLife);
  // validate refuses this at publish time; a config that skipped it fails loudly, naming the field.
  if (ms === null) throw new Error(`${path}.halfLife: '${rule.halfLife}' is not a duration; write e.g. 12h, 14d, 2w`);
  return ms;
}

/**
 * Pure scoring, version 2: same config, lead, events and `now`, same result, so the engine can
 * re-score later without the database. `events` may come in any order.
 */
export function computeScoreV2(
  config: ScoreV2Config,
  lead: Readonly<LeadContext>,
  events: readonly ScoreEvent[],
  now: Date,
): ScoreV2Result {
  const fitRules = firedConditionRules('fit', config.fitRules, lead);
  const intentRules = firedConditionRules('intent', config.intentRules, lead);
  const timed = timedEvents(events);
  const eventScores = eventRulesOf(config).map((rule, i) =>
    scoreEventRule(rule, halfLifeMs(rule, `eventRules[${i}]`), timed, now),
  );
  const fit = sumPoints(fitRules);
  const intent = roundPoints(sumPoints(intentRules) + eventScores.reduce((sum, scored) => sum + scored.exact, 0));
  const eventRules = eventScores.flatMap((scored) => (scored.fired ? [scored.fired] : []));
  return {
    fit,
    intent,
    ...classifyLead(config, lead, fit, intent),
    fired: [...fitRules, ...intentRules, ...eventRules],
  };
}

function describeRule(rule: FiredRule | FiredEventRule): string {
  if (!('event' in rule)) return `${rule.label} ${signedPoints(rule.points)}`;
  const capped = rule.matched > rule.occurrences ? ` (of ${rule.matched})` : '';
  return `${rule.label} ×${rule.occurrences}${capped} ${signedPoints(rule.decayedPoints, 1)}`;
}

/** One sentence for the step trail: "fit 60, intent 57, total 117 → tier 1; …, pricing page ×3 +31.8". */
export function describeScoreV2(result: ScoreV2Result): string {
  return `${describeTotals(result)}; ${result.fired.map(describeRule).join(', ') || 'no rule fired'}`;
}

import { decayedPoints } from './decay.js';
import type { EventRule } from './definition-v2.js';
import { roundPoints } from './round-points.js';

/**
 * One recorded lead event, as far as scoring cares. Rows of lead_events and the engine's
 * `LeadEvent` signals both fit, so the engine can re-score without the database.
 */
export interface ScoreEvent {
  type: string;
  /** When it happened: a Date or an ISO string. */
  at: Date | string;
  data?: Readonly<Record<string, unknown>> | null;
}

/** An event with its time parsed, as the rules read it. */
export interface TimedEvent {
  type: string;
  at: Date;
  url: string | null;
}

/** An event rule that matched at least one event. */
export interface FiredEventRule {
  kind: 'intent';
  label: string;
  event: string;
  /** Per occurrence, when fresh, as configured. */
  points: number;
  /** Occurrences that counted: the most recent ones, at most maxCount. */
  occurrences: number;
  /** Matching occurrences found, counted or not. */
  matched: number;
  /** What the counted occurrences added after decay, to one decimal. */
  decayedPoints: number;
}

export interface EventRuleScore {
  /** Null when no event matched. */
  fired: FiredEventRule | null;
  /** The contribution unrounded, so rounding happens once, on the intent total. */
  exact: number;
}

/**
 * Parses times and sorts newest first, so a rule's maxCount keeps the most recent occurrences.
 * An event with an unreadable time is left out rather than guessed at: counted as fresh it
 * could lift a lead a whole tier.
 */
export function timedEvents(events: readonly ScoreEvent[]): TimedEvent[] {
  return events
    .map((event) => ({
      type: event.type,
      at: new Date(event.at),
      url: typeof event.data?.url === 'string' ? event.data.url : null,
    }))
    .filter((event) => !Number.isNaN(event.at.getTime()))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

function matches(rule: EventRule, event: TimedEvent): boolean {
  if (event.type !== rule.event) return false;
  if (rule.urlContains === undefined) return true;
  return event.url !== null && event.url.toLowerCase().includes(rule.urlContains.toLowerCase());
}

/** What one event rule adds for `events` (newest first, from `timedEvents`) seen at `now`. */
export function scoreEventRule(
  rule: EventRule,
  halfLifeMs: number,
  events: readonly TimedEvent[],
  now: Date,
): EventRuleScore {
  const matching = events.filter((event) => matches(rule, event));
  const counted = rule.maxCount === undefined ? matching : matching.slice(0, rule.maxCount);
  if (counted.length === 0) return { fired: null, exact: 0 };
  const exact = counted.reduce((sum, event) => sum + decayedPoints(rule.points, event.at, now, halfLifeMs), 0);
  return {
    fired: {
      kind: 'intent',
      label: rule.label,
      event: rule.event,
      points: rule.points,
      occurrences: counted.length,
      matched: matching.length,
      decayedPoints: roundPoints(exact, 1),
    },
    exact,
  };
}

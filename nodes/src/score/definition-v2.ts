import { type ConfigIssue, defineActivityNode } from '@leadflow/engine';
import { type Static, Type } from 'typebox';
import { parseDuration } from '../wait/duration.js';
import { score, scoreConfigSchema } from './definition.js';

/** Lead event types as stored in lead_events: page_visited, webinar_attended, … */
export const EVENT_NAME = /^[a-z][a-z0-9_]*$/;
/** The most occurrences one rule may count; also how many events the activity reads. */
export const MAX_EVENT_COUNT = 500;

const conditionRule = scoreConfigSchema.properties.fitRules.items;

const eventRuleSchema = Type.Object(
  {
    label: conditionRule.properties.label,
    event: Type.String({
      minLength: 1,
      maxLength: 64,
      title: 'Event',
      description:
        'A lead event type from the catalog, e.g. page_visited, content_downloaded, email_opened, demo_requested',
      'x-picker': 'event-type',
    }),
    urlContains: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        title: 'URL contains',
        description:
          "Only events whose data.url contains this text (any case), e.g. /pricing; events without a URL don't match.",
      }),
    ),
    points: Type.Integer({
      minimum: -1000,
      maximum: 1000,
      title: 'Points',
      description: 'Per occurrence, when fresh; negative points are allowed.',
    }),
    halfLife: Type.String({
      minLength: 1,
      maxLength: 20,
      title: 'Half-life',
      description: 'After this long an occurrence counts half, after twice as long a quarter, e.g. 14d, 2w, 12h.',
    }),
    maxCount: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_EVENT_COUNT,
        title: 'Count at most',
        description: 'Only the most recent occurrences count, up to this many; empty: all that are read.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const scoreV2ConfigSchema = Type.Object(
  {
    // Version 1's fields, unchanged: a v1 config is a valid v2 config.
    ...scoreConfigSchema.properties,
    eventRules: Type.Optional(
      Type.Array(eventRuleSchema, {
        maxItems: 50,
        title: 'Intent event rules',
        description:
          "Behaviour from the lead's events: each matching event adds points that halve every half-life, so recent activity counts most.",
      }),
    ),
  },
  { additionalProperties: false },
);

export type ScoreV2Config = Static<typeof scoreV2ConfigSchema>;
export type EventRule = Static<typeof eventRuleSchema>;

/** The event rules of a config; absent in a config written for version 1. */
export const eventRulesOf = (config: ScoreV2Config): readonly EventRule[] => config.eventRules ?? [];

function eventRuleIssues(rule: EventRule, path: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!EVENT_NAME.test(rule.event)) {
    issues.push({
      path: `${path}.event`,
      message: `'${rule.event}' is not an event name; use lower case letters, digits and _, starting with a letter, e.g. page_visited`,
    });
  }
  if (parseDuration(rule.halfLife) === null)
    issues.push({ path: `${path}.halfLife`, message: `'${rule.halfLife}' is not a duration; write e.g. 12h, 14d, 2w` });
  return issues;
}

function validateScoreV2(config: ScoreV2Config): ConfigIssue[] {
  return [
    ...(score.validate?.(config) ?? []),
    ...eventRulesOf(config).flatMap((rule, i) => eventRuleIssues(rule, `eventRules[${i}]`)),
  ];
}

/**
 * Score, version 2: version 1's fit and intent rules, plus intent from the lead's recorded
 * events, each worth less as it ages. v1 stays registered for graphs that pin it.
 */
export const scoreV2 = defineActivityNode({
  type: 'score',
  version: 2,
  title: score.title,
  category: score.category,
  icon: score.icon,
  description: `${score.description} Intent can also come from the lead's events (pricing page visits, downloads, webinars): each counts its points when fresh and half as much after every half-life.`,
  configSchema: scoreV2ConfigSchema,
  defaultConfig: { ...score.defaultConfig, eventRules: [] },
  ports: score.ports,
  validate: validateScoreV2,
  // A lead that waits is re-scored when an event its rules read arrives (a return to the pricing page).
  eventsOf: (config) =>
    eventRulesOf(config).map((rule, index) => ({ type: rule.event, path: `eventRules[${index}].event` })),
  rerunOnEvents: (config) => [...new Set(eventRulesOf(config).map((rule) => rule.event))],
  summary: (config) => {
    const events = eventRulesOf(config).length;
    return `${config.fitRules.length} fit + ${config.intentRules.length + events} intent rules${events ? ` (${events} on events, decaying)` : ''} · high fit ≥ ${config.fitThreshold}`;
  },
});

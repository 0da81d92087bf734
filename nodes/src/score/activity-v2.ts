import { defineNodeActivity } from '@leadflow/engine/worker';
import { computeScoreV2, describeScoreV2 } from './compute-score-v2.js';
import { eventRulesOf, MAX_EVENT_COUNT, scoreV2 } from './definition-v2.js';
import { recentLeadEvents } from './recent-events.js';

/** Reads the lead's recent events for the event rules, then scores as `computeScoreV2`. */
export const scoreV2Activity = defineNodeActivity(scoreV2, async (config, ctx) => {
  const now = new Date();
  const types = [...new Set(eventRulesOf(config).map((rule) => rule.event))];
  const events = await recentLeadEvents(ctx.db, ctx.leadId, types, MAX_EVENT_COUNT);
  const result = computeScoreV2(config, ctx.lead, events, now);
  return {
    port: 'out',
    patch: {
      fitScore: result.fit,
      intentScore: result.intent,
      score: result.total,
      tier: result.tier,
      mql: result.mql,
      sql: result.sql,
    },
    // scoredAt and the events read make the decay reproducible when someone asks why.
    output: {
      ...result,
      scoredAt: now.toISOString(),
      eventsRead: events.length,
      eventsLimited: events.length === MAX_EVENT_COUNT,
    },
    reason: describeScoreV2(result),
  };
});

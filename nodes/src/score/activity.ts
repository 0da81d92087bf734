import { defineNodeActivity } from '@leadflow/engine/worker';
import { computeScore, describeScore } from './compute-score.js';
import { score } from './definition.js';

export const scoreActivity = defineNodeActivity(score, async (config, ctx) => {
  const result = computeScore(config, ctx.lead);
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
    output: { ...result },
    reason: describeScore(result),
  };
});

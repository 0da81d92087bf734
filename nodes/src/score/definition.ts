import { checkCondition, defineActivityNode } from '@leadflow/engine';
import { Type } from 'typebox';

const RuleSchema = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 100, title: 'Label' }),
    when: Type.String({
      minLength: 1,
      maxLength: 500,
      title: 'When',
      description: 'Condition over lead fields, e.g. contains(title, "VP")',
      'x-editor': 'expression',
    }),
    points: Type.Integer({
      minimum: -1000,
      maximum: 1000,
      title: 'Points',
      description: 'Negative points are allowed.',
    }),
  },
  { additionalProperties: false },
);

export const scoreConfigSchema = Type.Object(
  {
    fitRules: Type.Array(RuleSchema, {
      title: 'Fit rules',
      description: 'Firmographic and role rules: is this the right buyer?',
    }),
    intentRules: Type.Array(RuleSchema, {
      title: 'Intent rules',
      description: 'Behaviour: is there an active buying need?',
    }),
    fitThreshold: Type.Integer({
      minimum: 0,
      title: 'High fit from',
      description: 'Fit score at or above this is high fit.',
    }),
    intentThreshold: Type.Integer({ minimum: 0, title: 'High intent from' }),
    mqlThreshold: Type.Integer({ minimum: 0, title: 'MQL from (total)' }),
    sqlThreshold: Type.Integer({ minimum: 0, title: 'SQL from (total)' }),
  },
  { additionalProperties: false },
);

export const score = defineActivityNode({
  type: 'score',
  version: 1,
  title: 'Score',
  category: 'qualification',
  icon: '🎯',
  description:
    'Scores fit and intent with weighted rules, adds them up and sorts the lead into tiers 1–4 (high/high → sales now; high fit/low intent → nurture; low fit → disqualify or light nurture; high intent/no fit data → SDR call).',
  configSchema: scoreConfigSchema,
  defaultConfig: {
    fitRules: [],
    intentRules: [],
    fitThreshold: 50,
    intentThreshold: 50,
    mqlThreshold: 60,
    sqlThreshold: 100,
  },
  ports: [{ name: 'out', label: 'Scored' }],
  // Rules over the lead's fields only: no outside call, so no round trip through Temporal's queues.
  local: true,
  validate: (config) => [
    ...config.fitRules.flatMap((rule, i) =>
      checkCondition(rule.when).map((message) => ({ path: `fitRules[${i}].when`, message })),
    ),
    ...config.intentRules.flatMap((rule, i) =>
      checkCondition(rule.when).map((message) => ({ path: `intentRules[${i}].when`, message })),
    ),
  ],
  summary: (config) =>
    `${config.fitRules.length} fit + ${config.intentRules.length} intent rules · high fit ≥ ${config.fitThreshold}`,
});

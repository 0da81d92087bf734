import { type ConfigIssue, checkCondition, defineControlNode, evaluateExpression, isTruthy } from '@leadflow/engine';
import { type Static, Type } from 'typebox';
import { parseDuration } from '../wait/duration.js';
import { namedEvents } from '../shared/named-events.js';

export const recycleConfigSchema = Type.Object(
  {
    reengageOn: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 40, 'x-picker': 'event-type' }), {
      uniqueItems: true,
      title: 'Re-engage on',
      description:
        'Events that bring the lead back, e.g. page_visited (a return to the pricing page), demo_requested, replied.',
    }),
    reengageWhen: Type.Optional(
      Type.String({
        maxLength: 500,
        title: 'Re-engage when',
        description:
          'A condition that brings the lead back as soon as it holds, e.g. score >= 80 (a score rise: the lead is re-scored as new activity arrives).',
        'x-editor': 'expression',
      }),
    ),
    revisitAfter: Type.Optional(
      Type.String({
        maxLength: 40,
        title: 'Revisit after',
        description: 'Bring it back on a date even without a trigger, e.g. 90d. Empty: only a trigger does.',
      }),
    ),
    reason: Type.Optional(
      Type.String({ maxLength: 200, title: 'Why recycled', description: 'e.g. timing: budget next quarter' }),
    ),
  },
  { additionalProperties: false },
);

function validate(config: Static<typeof recycleConfigSchema>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (config.reengageOn.length === 0 && !config.revisitAfter && !config.reengageWhen)
    issues.push({
      path: 'reengageOn',
      message: 'name a re-engage event, a condition or revisitAfter, or the lead never comes back',
    });
  if (config.reengageWhen)
    for (const message of checkCondition(config.reengageWhen)) issues.push({ path: 'reengageWhen', message });
  if (config.revisitAfter && parseDuration(config.revisitAfter) === null)
    issues.push({ path: 'revisitAfter', message: `'${config.revisitAfter}' is not a duration; write e.g. 30d, 12w` });
  return issues;
}

/**
 * Long-term nurture: the lead rests with status "recycled" until a re-engage trigger or the
 * revisit date, then comes back to its original owner, its whole history intact.
 */
export const recycle = defineControlNode({
  type: 'recycle',
  version: 1,
  title: 'Recycle',
  category: 'timing',
  icon: '♻️',
  description:
    'Puts the lead into long-term nurture until it re-engages (a return visit, a reply, a demo request) or a revisit date; it then comes back to its original owner with full history.',
  waits: true,
  configSchema: recycleConfigSchema,
  defaultConfig: { reengageOn: ['page_visited', 'demo_requested', 'replied'], revisitAfter: '90d' },
  ports: (config) => [
    { name: 're_engaged', label: 'Re-engaged' },
    ...(config.revisitAfter ? [{ name: 'revisit', label: 'Revisit date' }] : []),
  ],
  validate,
  eventsOf: (config) => namedEvents(config.reengageOn, 'reengageOn'),
  summary: (config) =>
    `until ${[...config.reengageOn, ...(config.reengageWhen ? [config.reengageWhen] : [])].join(' or ') || 'the date'}${config.revisitAfter ? `, at most ${config.revisitAfter}` : ''}`,
  run: async (config, ctx) => {
    const timeoutMs = config.revisitAfter ? (parseDuration(config.revisitAfter) ?? undefined) : undefined;
    const owner = ctx.lead.ownerName ?? 'no owner';
    const event = await ctx.waitFor({
      events: config.reengageOn,
      timeoutMs,
      description: `recycled${config.reason ? ` (${config.reason})` : ''}: until ${config.reengageOn.join(' or ') || 'the revisit date'}${config.revisitAfter ? `, at most ${config.revisitAfter}` : ''}`,
      patch: { status: 'recycled' },
      ...(config.reengageWhen && {
        predicate: (lead) =>
          isTruthy(evaluateExpression(config.reengageWhen as string, lead as unknown as Record<string, unknown>)),
      }),
    });
    const back = { status: 'working' };
    if (event?.type === 'condition_met')
      return {
        port: 're_engaged',
        patch: back,
        output: { event },
        reason: `re-engaged: ${config.reengageWhen} now holds; back to ${owner} with full history`,
      };
    if (event)
      return {
        port: 're_engaged',
        patch: back,
        output: { event },
        reason: `re-engaged by ${event.type}; back to ${owner} with full history`,
      };
    return {
      port: 'revisit',
      patch: back,
      reason: `revisit date reached after ${config.revisitAfter}; back to ${owner}`,
    };
  },
});

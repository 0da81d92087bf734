import { type ConfigIssue, defineControlNode, LEAD_EVENT_TYPES } from '@leadflow/engine';
import { type Static, Type } from 'typebox';
import { parseDuration } from './duration.js';
import { namedEvents } from '../shared/named-events.js';

export const waitConfigSchema = Type.Object(
  {
    mode: Type.Enum(['duration', 'event'], {
      title: 'Wait for',
      description: '"duration": a fixed time. "event": until an event arrives, or the timeout passes.',
    }),
    duration: Type.Optional(
      Type.String({ maxLength: 40, title: 'Duration', description: 'e.g. 5m, 2d, 1h30m (mode "duration")' }),
    ),
    events: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 40, 'x-picker': 'event-type' }), {
        uniqueItems: true,
        title: 'Events',
        description: `Any of these ends the wait (mode "event"): an event type from the catalog, built in (${LEAD_EVENT_TYPES.join(', ')}) or declared by you.`,
        examples: [['contacted']],
      }),
    ),
    timeout: Type.Optional(
      Type.String({
        maxLength: 40,
        title: 'Timeout',
        description: 'Give up after, e.g. 5m (mode "event"); empty waits forever.',
      }),
    ),
  },
  { additionalProperties: false },
);

type WaitConfig = Static<typeof waitConfigSchema>;

function validateWait(config: WaitConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (config.mode === 'duration') {
    if (!config.duration) issues.push({ path: 'duration', message: 'is required when waiting for a duration' });
    else if (parseDuration(config.duration) === null)
      issues.push({
        path: 'duration',
        message: `'${config.duration}' is not a duration; write e.g. 30s, 5m, 2h, 3d, 1w`,
      });
  } else {
    if (!config.events?.length) issues.push({ path: 'events', message: 'name at least one event to wait for' });
    if (config.timeout && parseDuration(config.timeout) === null)
      issues.push({ path: 'timeout', message: `'${config.timeout}' is not a duration; write e.g. 30s, 5m, 2h, 3d` });
  }
  return issues;
}

/** Durable waits: a restart changes nothing, and a lead waiting 90 days costs no worker memory. */
export const wait = defineControlNode({
  type: 'wait',
  version: 1,
  title: 'Wait',
  category: 'timing',
  icon: '⏳',
  description:
    'Pauses the lead for a time, or until an event (contacted, replied, meeting booked, …) with a timeout. Build SLAs with it: wait for "contacted" up to 5m, else escalate.',
  waits: true,
  configSchema: waitConfigSchema,
  defaultConfig: { mode: 'event', events: ['contacted'], timeout: '5m' },
  ports: (config) =>
    config.mode === 'duration'
      ? [{ name: 'done', label: 'Done' }]
      : [
          { name: 'event', label: 'Event arrived' },
          ...(config.timeout ? [{ name: 'timeout', label: 'Timed out' }] : []),
        ],
  validate: validateWait,
  eventsOf: (config) => (config.mode === 'event' ? namedEvents(config.events, 'events') : []),
  summary: (config) =>
    config.mode === 'duration'
      ? `for ${config.duration}`
      : `until ${config.events?.join(' or ')}${config.timeout ? `, up to ${config.timeout}` : ''}`,
  run: async (config, ctx) => {
    if (config.mode === 'duration') {
      const timeoutMs = parseDuration(config.duration ?? '') ?? 0;
      await ctx.waitFor({ events: [], timeoutMs, description: `${config.duration} to pass` });
      return { port: 'done', reason: `waited ${config.duration}` };
    }
    const events = config.events ?? [];
    const timeoutMs = config.timeout ? (parseDuration(config.timeout) ?? undefined) : undefined;
    const description = `${events.join(' or ')}${config.timeout ? `, up to ${config.timeout}` : ''}`;
    const event = await ctx.waitFor({ events, timeoutMs, description });
    if (event) return { port: 'event', output: { event }, reason: `${event.type} arrived at ${event.at}` };
    return { port: 'timeout', reason: `no ${events.join(' or ')} within ${config.timeout}` };
  },
});

import { checkCondition, type ConfigIssue, defineControlNode, portsOf } from '@leadflow/engine';
import { type Static, Type } from 'typebox';
import { MONDAY_TO_FRIDAY, parseClockTime, WEEKDAYS } from './business-time.js';
import { wait, waitConfigSchema } from './definition.js';
import { isTimeZone } from './time-zone.js';
import { waitForEventWhere } from './wait-for-condition.js';
import {
  DEFAULT_CLOSE,
  DEFAULT_FALLBACK_ZONE,
  DEFAULT_OPEN,
  describeBusinessTimeWait,
  OWNER_ZONE,
  waitUntilBusinessTime,
} from './wait-until.js';
import { namedEvents } from '../shared/named-events.js';

const clockTime = (title: string, description: string) =>
  Type.Optional(Type.String({ maxLength: 5, title, description }));

export const waitV2ConfigSchema = Type.Object(
  {
    mode: Type.Enum(['duration', 'event', 'until'], {
      title: 'Wait for',
      description:
        '"duration": a fixed time. "event": until an event arrives (and the condition holds), or the timeout passes. "until": a business time, such as the next business day at 09:00.',
    }),
    // Version 1's fields, unchanged: a v1 config is a valid v2 config.
    duration: waitConfigSchema.properties.duration,
    events: waitConfigSchema.properties.events,
    timeout: waitConfigSchema.properties.timeout,
    condition: Type.Optional(
      Type.String({
        maxLength: 1000,
        title: 'Only if',
        description:
          'Mode "event": an event counts only if this holds when it arrives, e.g. score >= 80; otherwise the wait goes on until the timeout.',
        'x-editor': 'expression',
      }),
    ),
    at: Type.Optional(
      Type.Enum(['next_business_day', 'next_business_hour'], {
        title: 'Until',
        description: `Mode "until". "next_business_day": the first business day after today, at the opening time. "next_business_hour": right away during business hours, else the next opening.`,
      }),
    ),
    time: clockTime('Opens at', `HH:MM, 24-hour clock (mode "until"); default ${DEFAULT_OPEN}`),
    closeTime: clockTime(
      'Closes at',
      `HH:MM, later than the opening (mode "until", next_business_hour); default ${DEFAULT_CLOSE}`,
    ),
    timezone: Type.Optional(
      Type.String({
        maxLength: 64,
        title: 'Time zone',
        description: `"${OWNER_ZONE}" (the lead owner's time zone) or an IANA name such as America/New_York; default ${OWNER_ZONE}`,
      }),
    ),
    fallbackTimezone: Type.Optional(
      Type.String({
        maxLength: 64,
        title: 'Fallback time zone',
        description: `Used when the lead has no owner time zone; default ${DEFAULT_FALLBACK_ZONE}`,
      }),
    ),
    businessDays: Type.Optional(
      Type.Array(Type.Enum(WEEKDAYS), {
        minItems: 1,
        uniqueItems: true,
        title: 'Business days',
        description: `Default ${MONDAY_TO_FRIDAY.join(', ')}`,
      }),
    ),
  },
  { additionalProperties: false },
);

export type WaitV2Config = Static<typeof waitV2ConfigSchema>;
type WaitV1Config = Static<typeof waitConfigSchema>;

/** The v1 view of a duration or event config, so v2 runs exactly what v1 would. */
function asV1(config: WaitV2Config, mode: WaitV1Config['mode']): WaitV1Config {
  return { mode, duration: config.duration, events: config.events, timeout: config.timeout };
}

const hasCondition = (config: WaitV2Config): config is WaitV2Config & { condition: string } =>
  config.mode === 'event' && !!config.condition?.trim();

function validateClockTime(value: string | undefined, path: string, issues: ConfigIssue[]): void {
  if (value && parseClockTime(value) === null)
    issues.push({ path, message: `'${value}' is not a time; write HH:MM on a 24-hour clock, e.g. 09:00 or 17:30` });
}

function validateUntil(config: WaitV2Config): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!config.at) issues.push({ path: 'at', message: 'choose next_business_day or next_business_hour' });
  validateClockTime(config.time, 'time', issues);
  validateClockTime(config.closeTime, 'closeTime', issues);
  if (config.at === 'next_business_hour') {
    const opens = config.time || DEFAULT_OPEN;
    const closes = config.closeTime || DEFAULT_CLOSE;
    const [open, close] = [parseClockTime(opens), parseClockTime(closes)];
    // Overnight hours (22:00–06:00) would make "today's opening" ambiguous; not supported.
    if (open !== null && close !== null && close <= open) {
      issues.push({
        path: 'closeTime',
        message: `closes at ${closes}, not after opening at ${opens}; business hours must end on the day they start`,
      });
    }
  }
  if (config.timezone && config.timezone !== OWNER_ZONE && !isTimeZone(config.timezone)) {
    issues.push({
      path: 'timezone',
      message: `'${config.timezone}' is not a time zone; use "${OWNER_ZONE}" or an IANA name such as America/New_York`,
    });
  }
  if (config.fallbackTimezone && !isTimeZone(config.fallbackTimezone)) {
    issues.push({
      path: 'fallbackTimezone',
      message: `'${config.fallbackTimezone}' is not a time zone; use an IANA name such as Europe/London, or UTC`,
    });
  }
  if (config.businessDays?.length === 0)
    issues.push({ path: 'businessDays', message: 'name at least one business day' });
  return issues;
}

function validateWaitV2(config: WaitV2Config): ConfigIssue[] {
  if (config.mode === 'until') return validateUntil(config);
  const issues = wait.validate?.(asV1(config, config.mode)) ?? [];
  if (hasCondition(config))
    for (const message of checkCondition(config.condition)) issues.push({ path: 'condition', message });
  return issues;
}

/**
 * Wait, version 2: version 1's duration and event waits (run by version 1 itself, so they
 * behave the same), an optional condition on the awaited event, and waits until a business
 * time in the lead owner's time zone.
 */
export const waitV2 = defineControlNode({
  type: 'wait',
  version: 2,
  title: 'Wait',
  category: 'timing',
  icon: '⏳',
  description: `${wait.description} Or wait for an event only while a condition holds (replied, with score >= 80), or until business time: the next business day at 09:00, or the next business hour, in the owner's time zone.`,
  waits: true,
  configSchema: waitV2ConfigSchema,
  defaultConfig: wait.defaultConfig,
  ports: (config) =>
    config.mode === 'until' ? [{ name: 'done', label: 'Done' }] : portsOf(wait, asV1(config, config.mode)),
  validate: validateWaitV2,
  eventsOf: (config) => (config.mode === 'event' ? namedEvents(config.events, 'events') : []),
  summary: (config) => {
    if (config.mode === 'until') return describeBusinessTimeWait(config);
    if (hasCondition(config))
      return `until ${config.events?.join(' or ')} while ${config.condition}${config.timeout ? `, up to ${config.timeout}` : ''}`;
    return wait.summary?.(asV1(config, config.mode)) ?? '';
  },
  run: (config, ctx) => {
    if (config.mode === 'until') return waitUntilBusinessTime(config, ctx);
    if (hasCondition(config))
      return waitForEventWhere(
        { events: config.events ?? [], condition: config.condition, timeout: config.timeout },
        ctx,
      );
    return wait.run(asV1(config, config.mode), ctx);
  },
});

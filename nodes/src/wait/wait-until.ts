import type { ControlContext, LeadContext, NodeOutcome } from '@leadflow/engine';
import { type BusinessTimeRule, nextBusinessTime, type Weekday } from './business-time.js';
import { formatLocal, isTimeZone } from './time-zone.js';

export const DEFAULT_OPEN = '09:00';
export const DEFAULT_CLOSE = '17:00';
export const DEFAULT_FALLBACK_ZONE = 'UTC';
/** The `timezone` setting that means "the lead owner's time zone". */
export const OWNER_ZONE = 'owner';

export interface BusinessTimeWait {
  at?: BusinessTimeRule;
  time?: string;
  closeTime?: string;
  /** 'owner' or an IANA zone name. @default 'owner' */
  timezone?: string;
  fallbackTimezone?: string;
  businessDays?: Weekday[];
}

/** The zone a wait runs in, and a note for the step trail on where it came from. */
export interface ResolvedZone {
  timeZone: string;
  note: string | null;
}

/** Resolves `timezone`: the owner's zone when set and known to Intl, else the fallback (itself validated), else UTC. */
export function resolveWaitZone(
  config: Pick<BusinessTimeWait, 'timezone' | 'fallbackTimezone'>,
  lead: Readonly<LeadContext>,
): ResolvedZone {
  const setting = config.timezone || OWNER_ZONE;
  // Validation checked the configured zones against this runtime's Intl; a worker whose tz
  // data lacks one falls back rather than failing the lead's run.
  const configured = config.fallbackTimezone || DEFAULT_FALLBACK_ZONE;
  const fallback = (why: string): ResolvedZone => ({
    timeZone: isTimeZone(configured) ? configured : DEFAULT_FALLBACK_ZONE,
    note: `${why}; used the fallback`,
  });
  if (setting !== OWNER_ZONE)
    return isTimeZone(setting) ? { timeZone: setting, note: null } : fallback(`time zone '${setting}' is unknown`);
  const owner = lead.ownerTimezone;
  if (owner && isTimeZone(owner)) return { timeZone: owner, note: "owner's time zone" };
  return fallback(owner ? `owner's time zone '${owner}' is unknown` : 'lead has no owner time zone');
}

const RULE_TEXT: Readonly<Record<BusinessTimeRule, string>> = {
  next_business_day: 'next business day',
  next_business_hour: 'next business hour',
};

/** Waits until the next business day or business hour in the lead's (or a fixed) time zone; leaves by `done`. */
export async function waitUntilBusinessTime(config: BusinessTimeWait, ctx: ControlContext): Promise<NodeOutcome> {
  const rule = config.at ?? 'next_business_day';
  const { timeZone, note } = resolveWaitZone(config, ctx.lead);
  const from = ctx.now();
  const until = nextBusinessTime(from, {
    rule,
    time: config.time || DEFAULT_OPEN,
    closeTime: config.closeTime || DEFAULT_CLOSE,
    timeZone,
    businessDays: config.businessDays,
  });
  const local = `${formatLocal(until, timeZone)} ${timeZone}`;
  const where = note ? ` (${note})` : '';
  const output = { until: until.toISOString(), timeZone, local: formatLocal(until, timeZone) };
  if (until.getTime() <= from.getTime()) {
    // Already open: skipping the wait also skips a needless "waiting" step in the trail.
    return {
      port: 'done',
      output: { ...output, waited: false },
      reason: `within business hours at ${local}${where}; did not wait`,
    };
  }
  await ctx.waitFor({ events: [], until, description: `${RULE_TEXT[rule]}, ${local}` });
  return { port: 'done', output: { ...output, waited: true }, reason: `waited until ${local}${where}` };
}

/** One line for the canvas: "next business day 09:00, owner's time zone". */
export function describeBusinessTimeWait(config: BusinessTimeWait): string {
  const rule = config.at ?? 'next_business_day';
  const hours =
    rule === 'next_business_hour'
      ? `${config.time || DEFAULT_OPEN}–${config.closeTime || DEFAULT_CLOSE}`
      : config.time || DEFAULT_OPEN;
  const zone = (config.timezone || OWNER_ZONE) === OWNER_ZONE ? "owner's time zone" : config.timezone;
  return `${RULE_TEXT[rule]} ${hours}, ${zone}`;
}

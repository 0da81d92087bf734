import { type ControlContext, evaluateExpression, isTruthy, type LeadEvent, type NodeOutcome } from '@leadflow/engine';
import { parseDuration } from './duration.js';

export interface ConditionalEventWait {
  events: readonly string[];
  /** Must hold, over the lead, when a listed event arrives; checked by `checkCondition` at compile time. */
  condition: string;
  timeout?: string;
}

/** How many passed-over events the step output lists; the count covers the rest. */
const LISTED_PASSED_OVER = 10;

/**
 * Waits for one of `events` that arrives while `condition` holds. An event that arrives while
 * the condition is false is passed over and the wait goes on, still bound by the one deadline
 * set when the wait began (a timeout of 2d stays 2d, however many events come in between).
 *
 * The condition reads `ctx.lead` afresh after each event, so it sees whatever the engine has
 * applied to the lead by then.
 */
export async function waitForEventWhere(config: ConditionalEventWait, ctx: ControlContext): Promise<NodeOutcome> {
  const events = [...config.events];
  const timeoutMs = config.timeout ? (parseDuration(config.timeout) ?? undefined) : undefined;
  const deadline = timeoutMs === undefined ? undefined : ctx.now().getTime() + timeoutMs;
  const description = `${events.join(' or ')} while ${config.condition}${config.timeout ? `, up to ${config.timeout}` : ''}`;
  const passedOver: Array<Pick<LeadEvent, 'id' | 'type' | 'at'>> = [];
  let passedOverCount = 0;

  for (;;) {
    const remaining = deadline === undefined ? undefined : deadline - ctx.now().getTime();
    if (remaining !== undefined && remaining <= 0) break;
    const event = await ctx.waitFor({ events, timeoutMs: remaining, description });
    if (!event) break;
    if (isTruthy(evaluateExpression(config.condition, ctx.lead as unknown as Record<string, unknown>))) {
      return {
        port: 'event',
        output: { event, condition: config.condition, passedOver: passedOverCount },
        reason: `${event.type} arrived at ${event.at} while ${config.condition}${passedOverCount ? ` (after passing over ${passedOverCount} while it did not hold)` : ''}`,
      };
    }
    passedOverCount++;
    if (passedOver.length === LISTED_PASSED_OVER) passedOver.shift();
    passedOver.push({ id: event.id, type: event.type, at: event.at });
  }
  return {
    port: 'timeout',
    output: { condition: config.condition, passedOver: passedOverCount, lastPassedOver: passedOver },
    reason: `no ${events.join(' or ')} while ${config.condition} within ${config.timeout}${passedOverCount ? ` (${passedOverCount} arrived while it did not hold)` : ''}`,
  };
}

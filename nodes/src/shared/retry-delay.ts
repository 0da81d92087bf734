/** Pause before in-call retry number `retry` (1-based): 200ms, 400ms, 800ms … at most 2s. */
export function retryDelayMs(retry: number): number {
  return Math.min(200 * 2 ** (retry - 1), 2_000);
}

/** The longest a call with `retries` in-call retries can take: every attempt timing out, plus the pauses. */
export function worstCaseCallMs(timeoutMs: number, retries: number): number {
  let total = timeoutMs * (1 + retries);
  for (let retry = 1; retry <= retries; retry++) total += retryDelayMs(retry);
  return total;
}

import type { LiveState } from './use-lead-changes';

/** Whether the page is receiving live updates. */
export function LiveBadge({ state }: { state: LiveState }) {
  const text = state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  return (
    <span
      className={`badge ${state === 'live' ? 'ok' : 'warn'}`}
      role="status"
      aria-live="polite"
      data-testid="live-state"
    >
      {state === 'live' ? '● ' : ''}
      {text}
    </span>
  );
}

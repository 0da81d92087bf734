import { useEffect, useRef } from 'react';
import type { Api } from '../api/api-client';
import { type LiveState, useEventStream } from './use-event-stream';

export type { LiveState };

/**
 * Follows `GET /api/leads/stream` and calls `onChange` with the ids that changed, or null for
 * "reload everything". After a reconnect it calls with null too, since changes may have been
 * missed meanwhile. A rep token hears of its own leads only.
 */
export function useLeadChanges(api: Api, onChange: (ids: string[] | null) => void): LiveState {
  return useEventStream(
    api,
    '/api/leads/stream',
    (event, data) => event === 'leads' && onChange((data as { ids: string[] | null }).ids),
    (again) => again && onChange(null),
  );
}

/** Calls `fn` at most once per `ms`, trailing: bursts of changes become one reload. */
export function useThrottled(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useRef(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, ms);
  }).current;
}

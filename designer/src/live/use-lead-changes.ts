import { fetchEventSource } from '@microsoft/fetch-event-source';
import { useEffect, useRef, useState } from 'react';
import type { Api } from '../api/api-client';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * Follows `GET /api/leads/stream` (fetch-based, so the bearer token goes in a header) and calls
 * `onChange` with the ids that changed, or null for "reload everything". After a reconnect it
 * calls with null too, since changes may have been missed meanwhile.
 */
export function useLeadChanges(api: Api, onChange: (ids: string[] | null) => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    const controller = new AbortController();
    let wasLive = false;
    void fetchEventSource('/api/leads/stream', {
      headers: { authorization: `Bearer ${api.token}` },
      signal: controller.signal,
      openWhenHidden: true,
      onmessage(message) {
        if (message.event === 'ready') {
          setState('live');
          if (wasLive) callback.current(null);
          wasLive = true;
        } else if (message.event === 'leads') {
          const { ids } = JSON.parse(message.data) as { ids: string[] | null };
          callback.current(ids);
        }
      },
      onerror() {
        setState('reconnecting');
        return 3_000;
      },
      onclose() {
        setState('reconnecting');
        throw new Error('stream closed');
      },
    }).catch(() => undefined);
    return () => controller.abort();
  }, [api]);
  return state;
}

/** Calls `fn` at most once per `ms`, trailing: bursts of changes become one reload. */
export function useThrottled(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return useRef(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, ms);
  }).current;
}

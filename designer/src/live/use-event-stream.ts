import { fetchEventSource } from '@microsoft/fetch-event-source';
import { useEffect, useRef, useState } from 'react';
import type { Api } from '../api/api-client';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * Follows one of the API's Server-Sent Event streams (fetch-based, so the bearer token goes in a
 * header). Every stream says `ready` once live; `onReady(again)` hears it, with `again` true after
 * a reconnect, when events may have been missed. `onEvent` gets every other event's parsed data.
 * A null `path` follows nothing.
 */
export function useEventStream(
  api: Api,
  path: string | null,
  onEvent: (event: string, data: unknown) => void,
  onReady: (again: boolean) => void = () => undefined,
): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const callbacks = useRef({ onEvent, onReady });
  callbacks.current = { onEvent, onReady };
  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    let wasLive = false;
    setState('connecting');
    void fetchEventSource(path, {
      headers: { authorization: `Bearer ${api.token}` },
      signal: controller.signal,
      openWhenHidden: true,
      onmessage(message) {
        if (message.event === 'ready') {
          setState('live');
          callbacks.current.onReady(wasLive);
          wasLive = true;
        } else if (message.event) callbacks.current.onEvent(message.event, JSON.parse(message.data));
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
  }, [api, path]);
  return state;
}

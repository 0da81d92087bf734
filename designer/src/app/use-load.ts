import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-client';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  /** Loads again, keeping the current data on screen meanwhile. */
  reload(): void;
}

/** Loads with `load` whenever `key` changes; the latest answer wins. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    loadRef.current().then(
      (data) => mine === generation.current && setState({ data, error: null, loading: false }),
      (error: unknown) =>
        mine === generation.current &&
        setState((previous) => ({ ...previous, error: errorMessage(error), loading: false })),
    );
  }, []);
  useEffect(run, [key, run]);
  return { ...state, reload: run };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { DashboardData } from './metric-types';

/** What the filters ask for; the page turns it into each endpoint's query string. */
export interface DashboardFilters {
  /** YYYY-MM-DD, first day included. */
  from: string;
  /** YYYY-MM-DD, last day included. */
  to: string;
  /** Team id, or '' for all teams. */
  team: string;
  slaMinutes: number;
  stuckMinutes: number;
}

export type Request = <T>(path: string) => Promise<T>;

export interface DashboardState {
  data: DashboardData | null;
  loading: boolean;
  error: string | null;
  reload: () => void;
}

function query(params: Record<string, string | number>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== '') search.set(key, String(value));
  return search.toString();
}

/**
 * Fetches every metric for the filters in parallel. A newer set of filters wins: answers to an
 * older one are dropped, so quick changes never show stale numbers.
 */
export function useDashboardData(request: Request, filters: DashboardFilters | null): DashboardState {
  const [state, setState] = useState<Omit<DashboardState, 'reload'>>({
    data: null,
    loading: filters !== null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // The caller may pass a new function on every render; only filters and reloads refetch.
  const requestRef = useRef(request);
  requestRef.current = request;

  useEffect(() => {
    if (!filters) return;
    let current = true;
    const request = requestRef.current;
    const range = { from: filters.from, to: filters.to, team: filters.team };
    const base = query(range);
    const sla = query({ ...range, slaMinutes: filters.slaMinutes });
    setState((previous) => ({ ...previous, loading: true, error: null }));
    Promise.all([
      request<DashboardData['responseTimes']>(`/api/metrics/response-times?${sla}`),
      request<DashboardData['sla']>(`/api/metrics/sla?${sla}`),
      request<DashboardData['conversion']>(`/api/metrics/conversion?${base}`),
      request<DashboardData['sources']>(`/api/metrics/sources?${base}`),
      request<DashboardData['disqualifications']>(`/api/metrics/disqualifications?${base}`),
      request<DashboardData['cohorts']>(`/api/metrics/cohorts?${base}`),
      request<DashboardData['stuck']>(
        `/api/metrics/stuck?${query({ team: filters.team, stuckMinutes: filters.stuckMinutes })}`,
      ),
    ])
      .then(([responseTimes, sla, conversion, sources, disqualifications, cohorts, stuck]) => {
        if (current)
          setState({
            data: { responseTimes, sla, conversion, sources, disqualifications, cohorts, stuck },
            loading: false,
            error: null,
          });
      })
      .catch((error: unknown) => {
        if (current)
          setState((previous) => ({
            ...previous,
            loading: false,
            error: error instanceof Error ? error.message : String(error),
          }));
      });
    return () => {
      current = false;
    };
  }, [filters, attempt]);

  return { ...state, reload };
}

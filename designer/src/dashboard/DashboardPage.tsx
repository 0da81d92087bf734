import { type JSX, useEffect, useMemo, useRef, useState } from 'react';
import { CohortsCard } from './CohortsCard';
import { DisqualificationsCard } from './DisqualificationsCard';
import { FilterBar } from './FilterBar';
import { FunnelCard } from './FunnelCard';
import { isoDay } from './format';
import type { Team } from './metric-types';
import { ResponseTimesCard } from './ResponseTimesCard';
import { SlaCard } from './SlaCard';
import { SourcesCard } from './SourcesCard';
import { StuckCard } from './StuckCard';
import { type DashboardFilters, type Request, useDashboardData } from './use-dashboard-data';
import './dashboard.css';

export interface DashboardPageProps {
  /** Authenticated GET of an API path; rejects with an Error whose message is readable. */
  request: Request;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function initialFilters(): DashboardFilters {
  const today = new Date();
  return {
    from: isoDay(new Date(today.getTime() - 29 * DAY_MS)),
    to: isoDay(today),
    team: '',
    slaMinutes: 5,
    stuckMinutes: 24 * 60,
  };
}

/** Why the filters cannot be used as they are, or null. */
function problemWith(filters: DashboardFilters): string | null {
  if (!filters.from || !filters.to) return 'From and To need a date.';
  if (filters.from > filters.to) return 'From must be on or before To.';
  if (!Number.isInteger(filters.slaMinutes) || filters.slaMinutes < 1 || filters.slaMinutes > 10080)
    return 'SLA must be a whole number of minutes from 1 to 10080.';
  return null;
}

/**
 * The metrics dashboard: speed-to-lead, SLA compliance, stage conversion, sources,
 * disqualification reasons, weekly cohorts and stuck leads, for a date range and team.
 */
export function DashboardPage({ request }: DashboardPageProps): JSX.Element {
  const [filters, setFilters] = useState<DashboardFilters>(initialFilters);
  const [teams, setTeams] = useState<Team[]>([]);
  const [teamsError, setTeamsError] = useState<string | null>(null);
  const problem = problemWith(filters);
  // Only valid filters are fetched; the object is stable while they are unchanged.
  const applied = useMemo(() => (problem ? null : filters), [filters, problem]);
  const { data, loading, error, reload } = useDashboardData(request, applied);

  const requestRef = useRef(request);
  requestRef.current = request;
  useEffect(() => {
    let current = true;
    requestRef
      .current<{ teams: Team[] }>('/api/teams')
      .then((body) => current && setTeams(body.teams))
      .catch((reason: unknown) => current && setTeamsError(reason instanceof Error ? reason.message : String(reason)));
    return () => {
      current = false;
    };
  }, []);

  return (
    <main className="dash" aria-busy={loading}>
      <header className="dash-header">
        <h1>Metrics</h1>
        <FilterBar value={filters} teams={teams} teamsError={teamsError} problem={problem} onChange={setFilters} />
      </header>
      <div className="dash-status" role="status" aria-live="polite">
        {loading && (data ? 'Updating…' : 'Loading metrics…')}
      </div>
      {error && (
        <div className="dash-error" role="alert">
          <p>The metrics could not be loaded: {error}</p>
          <button type="button" onClick={reload}>
            Try again
          </button>
        </div>
      )}
      {data && (
        <div className={loading ? 'dash-grid dash-stale' : 'dash-grid'}>
          <ResponseTimesCard data={data.responseTimes} />
          <SlaCard data={data.sla} />
          <FunnelCard data={data.conversion} />
          <SourcesCard data={data.sources} />
          <CohortsCard data={data.cohorts} />
          <DisqualificationsCard data={data.disqualifications} />
          <StuckCard data={data.stuck} />
        </div>
      )}
    </main>
  );
}

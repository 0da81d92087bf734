import type { Team } from './metric-types';
import type { DashboardFilters } from './use-dashboard-data';

/** Thresholds offered for "stuck at a node", in minutes. */
const STUCK_CHOICES: ReadonlyArray<[minutes: number, label: string]> = [
  [60, '1 hour'],
  [4 * 60, '4 hours'],
  [24 * 60, '1 day'],
  [3 * 24 * 60, '3 days'],
  [7 * 24 * 60, '1 week'],
];

export interface FilterBarProps {
  value: DashboardFilters;
  teams: Team[];
  /** Why the team list is missing, if it could not be loaded (the filter still offers "All teams"). */
  teamsError: string | null;
  /** A problem with the current values, shown beside the inputs; nothing is fetched meanwhile. */
  problem: string | null;
  onChange: (next: DashboardFilters) => void;
}

/** Date range, team, SLA target and stuck threshold; every change applies at once. */
export function FilterBar({ value, teams, teamsError, problem, onChange }: FilterBarProps) {
  const set = <K extends keyof DashboardFilters>(key: K, next: DashboardFilters[K]) =>
    onChange({ ...value, [key]: next });
  return (
    <form className="dash-filters" aria-label="Metric filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        <span>From</span>
        <input
          type="date"
          value={value.from}
          max={value.to}
          required
          onChange={(event) => set('from', event.target.value)}
          aria-invalid={problem?.startsWith('From') ?? false}
        />
      </label>
      <label>
        <span>To</span>
        <input
          type="date"
          value={value.to}
          min={value.from}
          required
          onChange={(event) => set('to', event.target.value)}
        />
      </label>
      <label>
        <span>Team</span>
        <select
          value={value.team}
          onChange={(event) => set('team', event.target.value)}
          aria-describedby={teamsError ? 'dash-teams-error' : undefined}
        >
          <option value="">All teams</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>SLA (minutes)</span>
        <input
          type="number"
          min={1}
          max={10080}
          step={1}
          value={value.slaMinutes}
          onChange={(event) => set('slaMinutes', Number(event.target.value))}
        />
      </label>
      <label>
        <span>Stuck after</span>
        <select value={value.stuckMinutes} onChange={(event) => set('stuckMinutes', Number(event.target.value))}>
          {STUCK_CHOICES.map(([minutes, label]) => (
            <option key={minutes} value={minutes}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {problem && (
        <p className="dash-filter-problem" role="alert">
          {problem}
        </p>
      )}
      {teamsError && (
        <p id="dash-teams-error" className="dash-muted">
          Teams could not be loaded: {teamsError}
        </p>
      )}
    </form>
  );
}

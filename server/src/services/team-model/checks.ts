import type { Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';
import type { ProblemDetail } from '../../errors.js';
import type { AccountInput, RepInput, TeamInput, TerritoryInput } from './views.js';

/** The ids other rows may point at, loaded once per request (or per batch) and checked in memory. */
export interface TeamRefs {
  teams: ReadonlySet<string>;
  /** Rep id → archived? */
  reps: ReadonlyMap<string, boolean>;
}

export async function loadRefs(db: Kysely<Database>): Promise<TeamRefs> {
  const [teams, reps] = await Promise.all([
    db.selectFrom('teams').select('id').execute(),
    db.selectFrom('reps').select(['id', 'archived_at']).execute(),
  ]);
  return { teams: new Set(teams.map((t) => t.id)), reps: new Map(reps.map((r) => [r.id, r.archived_at !== null])) };
}

/** `field` under `prefix` (`reps[3]` + `email` → `reps[3].email`; no prefix → `email`). */
export const at = (prefix: string, field: string): string => (prefix ? `${prefix}.${field}` : field);

export function validTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

function teamProblem(refs: TeamRefs, teamId: string | null | undefined, path: string): ProblemDetail[] {
  return teamId && !refs.teams.has(teamId) ? [{ path, message: `team '${teamId}' does not exist` }] : [];
}

function repProblem(refs: TeamRefs, repId: string | null | undefined, path: string): ProblemDetail[] {
  if (!repId) return [];
  const archived = refs.reps.get(repId);
  if (archived === undefined) return [{ path, message: `rep '${repId}' does not exist` }];
  return archived ? [{ path, message: `rep '${repId}' is archived; choose an active rep` }] : [];
}

/** What JSON Schema cannot say about a rep (fields absent from a partial input are not checked). */
export function checkRep(input: Partial<RepInput>, refs: TeamRefs, prefix = ''): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  if (input.timezone !== undefined && !validTimezone(input.timezone))
    problems.push({
      path: at(prefix, 'timezone'),
      message: `'${input.timezone}' is not an IANA time zone (e.g. Europe/Berlin)`,
    });
  for (const [day, hours] of Object.entries(input.workingHours ?? {})) {
    if (hours && hours[1] <= hours[0])
      problems.push({
        path: at(prefix, `workingHours.${day}`),
        message: `closing time ${hours[1]} must be after opening time ${hours[0]}`,
      });
  }
  input.outOfOffice?.forEach((period, i) => {
    if (Date.parse(period.until) <= Date.parse(period.from))
      problems.push({ path: at(prefix, `outOfOffice[${i}].until`), message: 'must be after from' });
  });
  problems.push(...teamProblem(refs, input.teamId, at(prefix, 'teamId')));
  return problems;
}

export function checkTeam(input: Partial<TeamInput>, refs: TeamRefs, prefix = ''): ProblemDetail[] {
  return repProblem(refs, input.managerRepId, at(prefix, 'managerRepId'));
}

export function checkAccount(input: Partial<AccountInput>, refs: TeamRefs, prefix = ''): ProblemDetail[] {
  return repProblem(refs, input.ownerRepId, at(prefix, 'ownerRepId'));
}

/** Checks a whole territory (a partial update is merged with the stored one first). */
export function checkTerritory(input: TerritoryInput, refs: TeamRefs, prefix = ''): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  if (!input.teamId === !input.repId)
    problems.push({ path: at(prefix, 'teamId'), message: 'a territory routes to exactly one of teamId or repId' });
  problems.push(
    ...teamProblem(refs, input.teamId, at(prefix, 'teamId')),
    ...repProblem(refs, input.repId, at(prefix, 'repId')),
  );
  const { minEmployees, maxEmployees } = input.rules;
  if (minEmployees !== undefined && maxEmployees !== undefined && minEmployees > maxEmployees) {
    problems.push({
      path: at(prefix, 'rules.maxEmployees'),
      message: `must be at least minEmployees (${minEmployees})`,
    });
  }
  return problems;
}

import type { Database, OutOfOffice, TerritoryRules, WorkingHours } from '@leadflow/engine/db';
import type { Selectable } from 'kysely';
import type { Account, Rep, Team, Territory } from '../../contract/team.js';

export interface RepInput {
  name: string;
  email: string;
  teamId?: string | null;
  role?: string | null;
  active?: boolean;
  timezone?: string;
  capacity?: number | null;
  weight?: number;
  workingHours?: WorkingHours | null;
  outOfOffice?: OutOfOffice[];
  skills?: string[];
  languages?: string[];
}

/** A rep as the API shows it (RepSchema). */
export type RepView = Rep;

export interface TeamInput {
  id: string;
  name: string;
  managerRepId?: string | null;
}

/** A team as the API shows it (TeamSchema). */
export type TeamView = Team;

export interface AccountInput {
  domain: string;
  name: string;
  ownerRepId?: string | null;
}

/** An account as the API shows it (AccountSchema). */
export type AccountView = Account;

export interface TerritoryInput {
  id: string;
  name: string;
  priority?: number;
  rules: TerritoryRules;
  teamId?: string | null;
  repId?: string | null;
}

/** A territory as the API shows it (TerritorySchema). */
export type TerritoryView = Territory;

export function repView(row: Selectable<Database['reps']>): RepView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    teamId: row.team_id,
    role: row.role,
    active: row.active,
    timezone: row.timezone,
    capacity: row.capacity,
    weight: row.weight,
    workingHours: row.working_hours as WorkingHours | null,
    outOfOffice: row.out_of_office,
    skills: row.skills,
    languages: row.languages,
    archivedAt: row.archived_at ? row.archived_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function teamView(row: Selectable<Database['teams']>): TeamView {
  return { id: row.id, name: row.name, managerRepId: row.manager_rep_id };
}

export function accountView(row: Selectable<Database['accounts']>): AccountView {
  return { id: row.id, domain: row.domain, name: row.name, ownerRepId: row.owner_rep_id };
}

export function territoryView(row: Selectable<Database['territories']>): TerritoryView {
  return {
    id: row.id,
    name: row.name,
    priority: row.priority,
    rules: row.rules,
    teamId: row.team_id,
    repId: row.rep_id,
  };
}

/** An account's domain as stored and matched: trimmed, lower case. */
export const normalDomain = (domain: string): string => domain.trim().toLowerCase();

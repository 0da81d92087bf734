import type { TeamEntity, TeamRow } from '../api/api-client';

/** Names the table shows for references: team id → name, rep id → name. */
export interface Lookups {
  teams: ReadonlyMap<string, string>;
  reps: ReadonlyMap<string, string>;
}

export interface Column {
  header: string;
  cell(row: TeamRow, lookups: Lookups): string;
}

/** How the Team page shows and saves one kind of row; the forms themselves come from the server's schemas. */
export interface EntityConfig {
  entity: TeamEntity;
  /** Tab and heading, plural. */
  title: string;
  noun: string;
  path: string;
  /** The list's key in GET and bulk bodies. */
  list: string;
  /** Set on create only (a stable id the API refuses to change). */
  createOnlyId: boolean;
  /** What an item of a bulk upsert is matched by. */
  bulkKey: string;
  columns: Column[];
  label(row: TeamRow): string;
  /** What deleting does, said before the user confirms. */
  deleteNote: string;
}

const text = (value: unknown): string =>
  value === null || value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);
const named = (map: ReadonlyMap<string, string>, id: unknown): string =>
  typeof id === 'string' ? (map.get(id) ?? id) : '';

function rulesSummary(rules: unknown): string {
  const r = (rules ?? {}) as {
    countries?: string[];
    regions?: string[];
    industries?: string[];
    minEmployees?: number;
    maxEmployees?: number;
  };
  const parts = [r.countries?.join('/'), r.regions?.join('/'), r.industries?.join('/')].filter(Boolean) as string[];
  if (r.minEmployees !== undefined || r.maxEmployees !== undefined)
    parts.push(`${r.minEmployees ?? 0}–${r.maxEmployees ?? '∞'} employees`);
  return parts.join(' · ') || 'matches every lead';
}

export const ENTITIES: readonly EntityConfig[] = [
  {
    entity: 'rep',
    title: 'Reps',
    noun: 'rep',
    path: '/api/reps',
    list: 'reps',
    createOnlyId: false,
    bulkKey: 'email',
    columns: [
      { header: 'Name', cell: (row) => text(row.name) },
      { header: 'Email', cell: (row) => text(row.email) },
      { header: 'Team', cell: (row, l) => named(l.teams, row.teamId) },
      { header: 'Role', cell: (row) => text(row.role) },
      { header: 'Capacity', cell: (row) => (row.capacity === null ? 'no limit' : text(row.capacity)) },
      { header: 'Status', cell: (row) => (row.archivedAt ? 'archived' : row.active ? 'active' : 'inactive') },
    ],
    label: (row) => text(row.name),
    deleteNote:
      'If leads, assignments or tasks still name this rep, they are archived instead: made inactive so no step routes to them, hidden from this list, kept in history. Their open leads stay theirs until reassigned. If they own accounts or territories or manage a team, you will be asked to reassign those first.',
  },
  {
    entity: 'team',
    title: 'Teams',
    noun: 'team',
    path: '/api/teams',
    list: 'teams',
    createOnlyId: true,
    bulkKey: 'id',
    columns: [
      { header: 'Id', cell: (row) => row.id },
      { header: 'Name', cell: (row) => text(row.name) },
      { header: 'Manager', cell: (row, l) => named(l.reps, row.managerRepId) },
    ],
    label: (row) => text(row.name),
    deleteNote:
      'Only a team nothing routes to can go: while active reps, territories, leads in flight or a published workflow use it, deleting is refused and you are told what uses it.',
  },
  {
    entity: 'territory',
    title: 'Territories',
    noun: 'territory',
    path: '/api/territories',
    list: 'territories',
    createOnlyId: true,
    bulkKey: 'id',
    columns: [
      { header: 'Priority', cell: (row) => text(row.priority) },
      { header: 'Name', cell: (row) => text(row.name) },
      { header: 'Rules', cell: (row) => rulesSummary(row.rules) },
      {
        header: 'Routes to',
        cell: (row, l) => (row.teamId ? `team ${named(l.teams, row.teamId)}` : `rep ${named(l.reps, row.repId)}`),
      },
    ],
    label: (row) => text(row.name),
    deleteNote:
      'Leads already routed keep their owner. Deleting is refused while a published workflow names this territory.',
  },
  {
    entity: 'account',
    title: 'Accounts',
    noun: 'account',
    path: '/api/accounts',
    list: 'accounts',
    createOnlyId: false,
    bulkKey: 'domain',
    columns: [
      { header: 'Domain', cell: (row) => text(row.domain) },
      { header: 'Name', cell: (row) => text(row.name) },
      { header: 'Owner', cell: (row, l) => named(l.reps, row.ownerRepId) },
    ],
    label: (row) => text(row.domain),
    deleteNote:
      'Deleting is refused while leads are matched to this account; clear its owner instead to stop account routing.',
  },
];

/** The text a search box matches against: every column. */
export function searchText(config: EntityConfig, row: TeamRow, lookups: Lookups): string {
  return config.columns
    .map((column) => column.cell(row, lookups))
    .join(' ')
    .toLowerCase();
}

import type { AuditEntry } from '@leadflow/server/contract';
import { humanize, showValue } from '../app/humanize';

/** What `describeAudit` makes of an entry. */
export interface AuditWords {
  action: string;
  subject: string;
  details: string[];
}

/** Names for the ids an audit entry carries: reps, teams, workflows, accounts. */
export interface AuditNames {
  rep: ReadonlyMap<string, string>;
  team: ReadonlyMap<string, string>;
  workflow: ReadonlyMap<string, string>;
  account: ReadonlyMap<string, string>;
}

const VERBS: Record<string, string> = {
  created: 'created',
  updated: 'changed',
  deleted: 'deleted',
  archived: 'archived',
  renamed: 'renamed',
  published: 'published',
  made_default: 'made the default',
  revoked: 'revoked',
};

/** Which name list an id-valued field reads from. */
const ID_FIELDS: Record<string, keyof AuditNames> = {
  repId: 'rep',
  managerRepId: 'rep',
  ownerRepId: 'rep',
  targetRepId: 'rep',
  teamId: 'team',
  targetTeamId: 'team',
  accountId: 'account',
};

const FIELD_LABELS: Record<string, string> = {
  managerRepId: 'Manager',
  ownerRepId: 'Owner',
  repId: 'Rep',
  targetRepId: 'Rep',
  targetTeamId: 'Team',
};
const fieldLabel = (field: string): string => FIELD_LABELS[field] ?? humanize(field);

function name(names: AuditNames, kind: keyof AuditNames, id: unknown): string {
  if (typeof id !== 'string') return showValue(id);
  return names[kind].get(id) ?? id;
}

/** The value of a field as a person reads it: ids resolved to names. */
function valueOf(names: AuditNames, field: string, value: unknown): string {
  const kind = ID_FIELDS[field];
  return kind ? (value === null || value === undefined ? '—' : name(names, kind, value)) : showValue(value);
}

/**
 * One audit entry in words: what was done ("changed"), to what ("rep Ava Patel"), and each
 * changed field as "Team: Inbound sales → DACH", never raw JSON or ids where a name is known.
 */
export function describeAudit(entry: AuditEntry, names: AuditNames): AuditWords {
  const verb = entry.action.split('.').at(-1) ?? entry.action;
  const detail = entry.detail;
  const subjectName =
    (typeof detail.name === 'string' && detail.name) ||
    (entry.subjectType in names ? names[entry.subjectType as keyof AuditNames].get(entry.subjectId) : undefined) ||
    (typeof detail.domain === 'string' && detail.domain) ||
    (typeof detail.slug === 'string' && detail.slug) ||
    entry.subjectId;
  const details: string[] = [];
  const changes = detail.changes as Record<string, { from: unknown; to: unknown }> | undefined;
  if (changes)
    for (const [field, change] of Object.entries(changes))
      details.push(`${fieldLabel(field)}: ${valueOf(names, field, change.from)} → ${valueOf(names, field, change.to)}`);
  if (verb === 'renamed') details.push(`${showValue(detail.from)} → ${showValue(detail.to)}`);
  if (verb === 'published') {
    details.push(`version ${showValue(detail.version)}`);
    if (typeof detail.note === 'string' && detail.note) details.push(`“${detail.note}”`);
  }
  if (verb === 'created' || verb === 'deleted' || verb === 'archived' || verb === 'revoked') {
    for (const [field, value] of Object.entries(detail)) {
      if (['name', 'slug', 'prefix', 'changes', 'references'].includes(field) || value === null || value === undefined)
        continue;
      details.push(`${fieldLabel(field)}: ${valueOf(names, field, value)}`);
    }
  }
  return { action: VERBS[verb] ?? verb.replace(/_/g, ' '), subject: `${entry.subjectType} ${subjectName}`, details };
}

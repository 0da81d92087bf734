import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@leadflow/server/contract';
import { describeAudit } from './audit-words';

const names = {
  rep: new Map([
    ['r-1', 'Ava Patel'],
    ['r-2', 'Morgan Lee'],
  ]),
  team: new Map([
    ['inbound', 'Inbound sales'],
    ['dach', 'DACH'],
  ]),
  workflow: new Map([['w-1', 'Inbound lead']]),
  account: new Map<string, string>(),
};
const entry = (
  action: string,
  subjectType: string,
  subjectId: string,
  detail: Record<string, unknown>,
): AuditEntry => ({
  id: '1',
  at: '2026-01-01T00:00:00Z',
  actor: 'Dana (RevOps)',
  actorTokenId: null,
  action,
  subjectType,
  subjectId,
  detail,
});

describe('describeAudit', () => {
  it('says a field change with names, not ids or JSON', () => {
    expect(
      describeAudit(
        entry('rep.updated', 'rep', 'r-1', {
          changes: { teamId: { from: 'inbound', to: 'dach' }, capacity: { from: 25, to: 30 } },
        }),
        names,
      ),
    ).toEqual({
      action: 'changed',
      subject: 'rep Ava Patel',
      details: ['Team: Inbound sales → DACH', 'Capacity: 25 → 30'],
    });
  });

  it('names a published version and its note', () => {
    expect(
      describeAudit(
        entry('workflow.published', 'workflow', 'w-1', {
          slug: 'inbound',
          version: 3,
          hash: 'abc',
          note: 'DACH routing',
        }),
        names,
      ),
    ).toEqual({
      action: 'published',
      subject: 'workflow Inbound lead',
      details: ['version 3', '“DACH routing”'],
    });
  });

  it('resolves the manager of a new team', () => {
    expect(
      describeAudit(entry('team.created', 'team', 'dach', { name: 'DACH', managerRepId: 'r-2' }), names).details,
    ).toEqual(['Manager: Morgan Lee']);
  });
});

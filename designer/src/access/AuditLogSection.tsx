import { useMemo, useState } from 'react';
import type { Account, AuditEntry, Rep, Team, WorkflowSummary } from '@leadflow/server/contract';
import { type Column, DataTable } from '../app/DataTable';
import { type AuditNames, type AuditWords, describeAudit } from './audit-words';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';

const PAGE_SIZE = 25;
/** What the audit log records changes to (the API's subjectType). */
const KINDS = ['workflow', 'rep', 'team', 'territory', 'account', 'token'] as const;

interface Filters {
  actor: string;
  kind: string;
  since: string;
}

/** The query for one page: filters, and the cursor the previous page gave. */
function auditQuery(filters: Filters, cursor: string | null): string {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filters.actor.trim()) query.set('actor', filters.actor.trim());
  if (filters.kind) query.set('subjectType', filters.kind);
  // The date input is a local day; the API takes an instant.
  if (filters.since) query.set('since', new Date(`${filters.since}T00:00`).toISOString());
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}

/** An entry with its words, worked out once for the two cells that show them. */
interface DescribedEntry {
  entry: AuditEntry;
  words: AuditWords;
}

/** Names for the ids in the log: reps (archived too), teams, workflows, accounts. */
function useAuditNames(): AuditNames {
  const { api } = useLeadflow();
  const loaded = useLoad(
    () =>
      Promise.all([
        api.get<{ reps: Rep[] }>('/api/reps?includeArchived=true').catch(() => ({ reps: [] })),
        api.get<{ teams: Team[] }>('/api/teams').catch(() => ({ teams: [] })),
        api.get<{ workflows: WorkflowSummary[] }>('/api/workflows').catch(() => ({ workflows: [] })),
        api.get<{ accounts: Account[] }>('/api/accounts').catch(() => ({ accounts: [] })),
      ]),
    'audit-names',
  );
  return useMemo(() => {
    const [reps, teams, workflows, accounts] = loaded.data ?? [
      { reps: [] },
      { teams: [] },
      { workflows: [] },
      { accounts: [] },
    ];
    return {
      rep: new Map(reps.reps.map((rep) => [rep.id, rep.name])),
      team: new Map(teams.teams.map((team) => [team.id, team.name])),
      workflow: new Map(workflows.workflows.map((workflow) => [workflow.id, workflow.name])),
      account: new Map(accounts.accounts.map((account) => [account.id, account.name ?? account.domain])),
    };
  }, [loaded.data]);
}

/** Who changed what, newest first: filter by actor, kind and day, page back and forth. `version` reloads it. */
export function AuditLogSection({ version }: { version: number }) {
  const { api } = useLeadflow();
  const names = useAuditNames();
  const [filters, setFilters] = useState<Filters>({ actor: '', kind: '', since: '' });
  // Cursors of the pages before the one shown, so "Newer" can go back.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const query = auditQuery(filters, cursor);
  const page = useLoad(
    () => api.get<{ entries: AuditEntry[]; nextCursor: string | null }>(`/api/audit?${query}`),
    `${query} ${version}`,
  );
  const filter = (change: Partial<Filters>) => {
    setFilters({ ...filters, ...change });
    setCursors([null]);
  };
  const columns: Column<DescribedEntry>[] = [
    { header: 'When', cell: ({ entry }) => new Date(entry.at).toLocaleString() },
    { header: 'Who', cell: ({ entry }) => entry.actor },
    {
      header: 'What',
      title: ({ entry }) => entry.action,
      cell: ({ words }) => (
        <>
          {words.action} <strong>{words.subject}</strong>
        </>
      ),
    },
    {
      header: 'Details',
      cell: ({ words }) =>
        words.details.length > 0 && (
          <ul className="audit-details">
            {words.details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ),
    },
  ];

  return (
    <section className="section" aria-labelledby="audit-heading">
      <div className="section-header">
        <h2 id="audit-heading">Audit log</h2>
        {page.loading && <span className="spinner" aria-label="Loading" />}
      </div>
      <form
        className="filters-row"
        role="search"
        aria-label="Filter the audit log"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Actor
          <input
            type="search"
            value={filters.actor}
            placeholder="token name, admin, seed"
            onChange={(event) => filter({ actor: event.target.value })}
          />
        </label>
        <label>
          Kind
          <select value={filters.kind} onChange={(event) => filter({ kind: event.target.value })}>
            <option value="">any</option>
            {KINDS.map((kind) => (
              <option key={kind}>{kind}</option>
            ))}
          </select>
        </label>
        <label>
          Since
          <input type="date" value={filters.since} onChange={(event) => filter({ since: event.target.value })} />
        </label>
      </form>
      <DataTable
        label="Audit log"
        columns={columns}
        rows={(page.data?.entries ?? []).map((entry) => ({ entry, words: describeAudit(entry, names) }))}
        rowKey={({ entry }) => entry.id}
        rowAttributes={() => ({ 'data-testid': 'audit-row' })}
        loading={!page.data}
        empty={`Nothing recorded${filters.actor || filters.kind || filters.since ? ' that matches these filters' : ''}.`}
        error={page.error && `Could not load the audit log: ${page.error}`}
      />
      <div className="pager">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          ← Newer
        </button>
        <span className="muted">Page {cursors.length}</span>
        <button
          type="button"
          disabled={!page.data?.nextCursor}
          onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
        >
          Older →
        </button>
      </div>
    </section>
  );
}

import { useState } from 'react';
import type { AuditEntry } from '../api/types';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import { EmptyRow } from '../app/EmptyRow';

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

const detailText = (detail: Record<string, unknown>): string => {
  const text = JSON.stringify(detail);
  return text === '{}' ? '' : text;
};

/** Who changed what, newest first: filter by actor, kind and day, page back and forth. `version` reloads it. */
export function AuditLogSection({ version }: { version: number }) {
  const { api } = useLeadflow();
  const [filters, setFilters] = useState<Filters>({ actor: '', kind: '', since: '' });
  // Cursors of the pages before the one shown, so "Newer" can go back.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const query = auditQuery(filters, cursor);
  const page = useLoad(() => api.get<{ entries: AuditEntry[]; nextCursor: string | null }>(`/api/audit?${query}`), `${query} ${version}`);
  const filter = (change: Partial<Filters>) => {
    setFilters({ ...filters, ...change });
    setCursors([null]);
  };

  return (
    <section className="section" aria-labelledby="audit-heading">
      <div className="section-header">
        <h2 id="audit-heading">Audit log</h2>
        {page.loading && <span className="spinner" aria-label="Loading" />}
      </div>
      <form className="filters-row" role="search" aria-label="Filter the audit log" onSubmit={(event) => event.preventDefault()}>
        <label>
          Actor
          <input type="search" value={filters.actor} placeholder="token name, admin, seed" onChange={(event) => filter({ actor: event.target.value })} />
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
      {page.error && (
        <p className="banner error" role="alert">
          Could not load the audit log: {page.error}
        </p>
      )}
      <table className="data" aria-label="Audit log">
        <thead>
          <tr>
            <th>When</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Subject</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {(page.data?.entries ?? []).map((entry) => (
            <tr key={entry.id}>
              <td>{new Date(entry.at).toLocaleString()}</td>
              <td>{entry.actor}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td>
                {entry.subjectType} <span className="muted">{entry.subjectId}</span>
              </td>
              <td className="muted">
                <code>{detailText(entry.detail)}</code>
              </td>
            </tr>
          ))}
          {page.data?.entries.length === 0 && (
            <EmptyRow colSpan={5}>Nothing recorded{filters.actor || filters.kind || filters.since ? ' that matches these filters' : ''}.</EmptyRow>
          )}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          ← Newer
        </button>
        <span className="muted">Page {cursors.length}</span>
        <button type="button" disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}>
          Older →
        </button>
      </div>
    </section>
  );
}

import { humanize } from '../app/humanize';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../api/api-client';
import type { Lead, Rep, WorkflowSummary } from '@leadflow/server/contract';
import { type Column, DataTable } from '../app/DataTable';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import { LiveBadge } from '../live/LiveBadge';
import { useLeadChanges, useThrottled } from '../live/use-lead-changes';
import { leadName, RUN_STATUS_BADGE } from './lead-names';
import './leads.css';

const FILTERS = ['q', 'status', 'tier', 'owner', 'source', 'workflow', 'node', 'runStatus'] as const;
type Filter = (typeof FILTERS)[number];

/** Every lead, newest first: search, filter, page on, and watch it change live. */
export function LeadExplorerPage() {
  const { api } = useLeadflow();
  const [search, setSearch] = useSearchParams();
  const [leads, setLeads] = useState<Lead[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const pages = useRef(1);
  const reference = useLoad(
    () =>
      Promise.all([
        api.get<{ reps: Rep[] }>('/api/reps?includeArchived=true'),
        api.get<{ workflows: WorkflowSummary[] }>('/api/workflows'),
      ]),
    'lead-reference',
  );
  const reps = new Map((reference.data?.[0].reps ?? []).map((rep) => [rep.id, rep]));
  const workflows = reference.data?.[1].workflows ?? [];
  const query = FILTERS.map((name) => [name, search.get(name) ?? ''] as const).filter(([, value]) => value !== '');
  const queryKey = new URLSearchParams(query as [string, string][]).toString();

  /** Loads the first `count` pages again (live refresh keeps what the user paged to). */
  const load = useCallback(
    async (count: number) => {
      setLoading(true);
      try {
        let all: Lead[] = [];
        let next: string | null = null;
        for (let page = 0; page < count; page += 1) {
          const params = new URLSearchParams(queryKey);
          params.set('limit', '50');
          if (next) params.set('cursor', next);
          const answer: { leads: Lead[]; nextCursor: string | null } = await api.get(`/api/leads?${params.toString()}`);
          all = [...all, ...answer.leads];
          next = answer.nextCursor;
          if (!next) break;
        }
        setLeads(all);
        setCursor(next);
        setError(null);
      } catch (failure) {
        setError(errorMessage(failure));
      } finally {
        setLoading(false);
      }
    },
    [api, queryKey],
  );

  useEffect(() => {
    pages.current = 1;
    void load(1);
  }, [load]);

  const refresh = useThrottled(() => void load(pages.current), 1_000);
  const live = useLeadChanges(api, refresh);

  const setFilter = (name: Filter, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  const columns: Column<Lead>[] = [
    {
      header: 'Lead',
      cell: (lead) => (
        <>
          <Link to={`/leads/${lead.id}`}>{leadName(lead)}</Link>
          <div className="muted">
            {lead.erasedAt ? `erased ${new Date(lead.erasedAt).toLocaleDateString()}` : lead.email}
            {lead.company ? ` · ${lead.company}` : ''}
          </div>
        </>
      ),
    },
    { header: 'Status', cell: (lead) => lead.status },
    {
      header: 'Score',
      cell: (lead) => (
        <>
          {lead.score ?? '–'}
          {lead.tier ? <span className="badge"> tier {lead.tier}</span> : null}
        </>
      ),
    },
    {
      header: 'Owner',
      cell: (lead) =>
        lead.ownerId ? (
          (reps.get(lead.ownerId)?.name ?? lead.ownerId.slice(0, 8))
        ) : (
          <span className="muted">unassigned</span>
        ),
    },
    { header: 'Source', cell: (lead) => lead.source ?? '–' },
    {
      header: 'Run',
      cell: (lead) => (
        <>
          <span className={`badge ${RUN_STATUS_BADGE[lead.run.status] ?? ''}`}>{lead.run.status}</span>
          {/* The node's id in words (the list does not load every version's graph); its label is on the lead page. */}
          {lead.run.nodeId && (
            <div className="muted" title={lead.run.nodeId}>
              at {humanize(lead.run.nodeId)}
            </div>
          )}
        </>
      ),
    },
    { header: 'Captured', cell: (lead) => new Date(lead.createdAt).toLocaleString() },
  ];

  return (
    <main className="page">
      <div className="page-header">
        <h1>Leads</h1>
        <LiveBadge state={live} />
        {loading && <span className="spinner" aria-label="Loading" />}
      </div>
      <form className="filters" role="search" aria-label="Filter leads" onSubmit={(event) => event.preventDefault()}>
        <label>
          Search
          <input
            type="search"
            defaultValue={search.get('q') ?? ''}
            placeholder="email, name, company"
            onChange={(event) => setFilter('q', event.target.value)}
          />
        </label>
        <label>
          Status
          <input
            defaultValue={search.get('status') ?? ''}
            placeholder="new, assigned…"
            onChange={(event) => setFilter('status', event.target.value)}
          />
        </label>
        <label>
          Tier
          <select value={search.get('tier') ?? ''} onChange={(event) => setFilter('tier', event.target.value)}>
            <option value="">any</option>
            {[1, 2, 3, 4].map((tier) => (
              <option key={tier} value={tier}>
                {tier}
              </option>
            ))}
          </select>
        </label>
        <label>
          Owner
          <select value={search.get('owner') ?? ''} onChange={(event) => setFilter('owner', event.target.value)}>
            <option value="">anyone</option>
            {[...reps.values()].map((rep) => (
              <option key={rep.id} value={rep.id}>
                {rep.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Source
          <input
            defaultValue={search.get('source') ?? ''}
            placeholder="demo_request…"
            onChange={(event) => setFilter('source', event.target.value)}
          />
        </label>
        <label>
          Workflow
          <select value={search.get('workflow') ?? ''} onChange={(event) => setFilter('workflow', event.target.value)}>
            <option value="">any</option>
            {workflows.map((workflow) => (
              <option key={workflow.id} value={workflow.id}>
                {workflow.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Run
          <select
            value={search.get('runStatus') ?? ''}
            onChange={(event) => setFilter('runStatus', event.target.value)}
          >
            <option value="">any</option>
            {['starting', 'running', 'waiting', 'error', 'completed'].map((status) => (
              <option key={status}>{status}</option>
            ))}
          </select>
        </label>
        <label>
          Waiting at node
          <input
            defaultValue={search.get('node') ?? ''}
            placeholder="node id"
            onChange={(event) => setFilter('node', event.target.value)}
          />
        </label>
      </form>
      <DataTable
        label="Leads"
        columns={columns}
        rows={leads}
        rowKey={(lead) => lead.id}
        rowAttributes={() => ({ 'data-testid': 'lead-row' })}
        loading={loading}
        empty="No leads match."
        error={error && `Could not load leads: ${error}`}
      />
      {cursor && (
        <button
          type="button"
          className="load-more"
          disabled={loading}
          onClick={() => {
            pages.current += 1;
            void load(pages.current);
          }}
        >
          Load more
        </button>
      )}
    </main>
  );
}

import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Account, GraphDocument, LeadHistory, NodeDescription, Rep, Team, VersionDetail } from '../api/types';
import { humanize, showValue } from '../app/humanize';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import type { NodeMark } from '../graph/flow-model';
import { GraphView } from '../graph/GraphView';
import { leadPath } from '../graph/lead-path';
import { documentNames, type NodeNames } from '../graph/node-names';
import { describeGraph } from '../graph/use-node-descriptions';
import { LiveBadge } from '../live/LiveBadge';
import { useLeadChanges, useThrottled } from '../live/use-lead-changes';
import { LeadActions } from './LeadActions';
import { leadName, RUN_STATUS_BADGE } from './lead-names';
import { ScoreBreakdown } from './ScoreBreakdown';
import { StepTimeline } from './StepTimeline';
import '../editor/editor.css';
import './leads.css';

interface Graph {
  version: number;
  document: GraphDocument;
  descriptions: Record<string, NodeDescription>;
}

/** Names for the ids a lead carries. */
interface Directory {
  reps: Map<string, string>;
  teams: Map<string, string>;
  accounts: Map<string, string>;
}

/** A field's value with ids resolved to names: owner, team, account. */
function resolve(key: string, value: unknown, directory: Directory): string {
  if (typeof value === 'string') {
    const lower = key.toLowerCase();
    if (lower.endsWith('ownerid') || lower.endsWith('repid')) return directory.reps.get(value) ?? value;
    if (lower.endsWith('teamid')) return directory.teams.get(value) ?? value;
    if (lower.endsWith('accountid')) return directory.accounts.get(value) ?? value;
  }
  return showValue(value);
}

const FIELD_ROWS: Array<[string, string, (history: LeadHistory, directory: Directory) => unknown]> = [
  ['Email', 'email', (h) => h.lead.email],
  ['Company', 'company', (h) => h.lead.company],
  ['Title', 'title', (h) => h.lead.title],
  ['Phone', 'phone', (h) => h.lead.phone],
  ['Country', 'country', (h) => h.lead.country],
  ['Source', 'source', (h) => h.lead.source],
  ['Channel', 'channel', (h) => h.lead.channel],
  ['Status', 'status', (h) => h.lead.status],
  ['Stage', 'stage', (h) => h.lead.stage],
  ['Owner', 'ownerId', (h, d) => (h.lead.ownerId ? (d.reps.get(h.lead.ownerId) ?? h.lead.ownerId) : 'unassigned')],
  ['Team', 'teamId', (h, d) => (h.lead.teamId ? (d.teams.get(h.lead.teamId) ?? h.lead.teamId) : null)],
  ['Disqualified because', 'disqualificationReason', (h) => h.lead.disqualificationReason],
];

/** Steps in the order they happened: by start time, then by their place in the trail. */
const inOrder = <T extends { startedAt: string; seq: number }>(steps: readonly T[]): T[] =>
  [...steps].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.seq - b.seq);

/** One lead: the graph of the exact version it ran with its path, where it waits, why, and what happened. */
export function LeadPage() {
  const { id = '' } = useParams();
  const { api, nodeTypes } = useLeadflow();
  const [selectedNodeId, setSelectedNodeId] = useState<string | null>(null);
  const history = useLoad(() => api.get<LeadHistory>(`/api/leads/${id}/history`), id);
  const people = useLoad(
    () =>
      Promise.all([
        api.get<{ reps: Rep[] }>('/api/reps?includeArchived=true').catch(() => ({ reps: [] as Rep[] })),
        api.get<{ teams: Team[] }>('/api/teams').catch(() => ({ teams: [] as Team[] })),
        api.get<{ accounts: Account[] }>('/api/accounts').catch(() => ({ accounts: [] as Account[] })),
      ]),
    'lead-directory',
  );
  const directory = useMemo<Directory>(() => {
    const [reps, teams, accounts] = people.data ?? [{ reps: [] }, { teams: [] }, { accounts: [] }];
    return {
      reps: new Map(reps.reps.map((rep) => [rep.id, rep.name])),
      teams: new Map(teams.teams.map((team) => [team.id, team.name])),
      accounts: new Map(accounts.accounts.map((account) => [account.id, account.name ?? account.domain])),
    };
  }, [people.data]);
  const lead = history.data?.lead;
  const graph = useLoad<Graph | null>(async () => {
    if (!lead) return null;
    const version = await api.get<VersionDetail>(`/api/workflows/${lead.workflowId}/versions/${lead.workflowVersion}`);
    const described = await describeGraph(api, lead.workflowId, version.document);
    return { version: lead.workflowVersion, document: version.document, descriptions: described.nodes };
  }, lead ? `${lead.workflowId}@${lead.workflowVersion}` : 'none');

  const reload = useThrottled(history.reload, 500);
  const live = useLeadChanges(api, (ids) => {
    if (ids === null || ids.includes(id)) reload();
  });

  const names = useMemo<NodeNames>(() => documentNames(graph.data?.document ?? { name: '', nodes: [], edges: [] }, nodeTypes, graph.data?.descriptions), [graph.data, nodeTypes]);

  const marks = useMemo(() => {
    if (!history.data || !graph.data) return { nodes: {}, edges: {} };
    const path = leadPath(history.data.steps, graph.data.document.edges);
    const nodes: Record<string, { mark: NodeMark; visits?: number }> = {};
    for (const [nodeId, visits] of Object.entries(path.visits)) nodes[nodeId] = { mark: path.failedNodes.has(nodeId) ? 'failed' : 'visited', visits };
    const current = history.data.lead.run.nodeId;
    if (current && history.data.lead.run.status !== 'completed') nodes[current] = { mark: history.data.lead.run.status === 'error' ? 'failed' : 'current', visits: path.visits[current] };
    const edges: Record<string, 'taken'> = Object.fromEntries([...path.takenEdges].map((edgeId) => [edgeId, 'taken' as const]));
    return { nodes, edges };
  }, [history.data, graph.data]);

  if (history.error && !history.data) return <p className="page-status banner error" role="alert">Could not load the lead: {history.error}</p>;
  if (!history.data || !lead) return <p className="page-status" aria-busy="true">Loading the lead…</p>;
  const data = history.data;
  const waiting = data.waiting;
  const assignment = data.assignments.at(-1);
  const ordered = inOrder(data.steps);
  const steps = selectedNodeId ? ordered.filter((step) => step.nodeId === selectedNodeId) : ordered;

  return (
    <div className="lead-page">
      <div className="editor-header">
        <h1>
          <Link to="/leads">Leads</Link> / {leadName(lead)}
        </h1>
        <span className={`badge ${RUN_STATUS_BADGE[lead.run.status] ?? ''}`} data-testid="run-status">
          {lead.run.status}
        </span>
        <span className="muted">
          runs version {lead.workflowVersion} · captured {new Date(lead.createdAt).toLocaleString()}
        </span>
        <LiveBadge state={live} />
      </div>
      <div className="lead-canvas">
        {graph.data ? (
          <ReactFlowProvider>
            <GraphView
              document={graph.data.document}
              descriptions={graph.data.descriptions}
              nodeTypes={nodeTypes}
              nodeMarks={marks.nodes}
              edgeMarks={marks.edges}
              focusNodeId={selectedNodeId}
              onNodeClick={(nodeId) => setSelectedNodeId((current) => (current === nodeId ? null : nodeId))}
              label="The path this lead took"
            />
          </ReactFlowProvider>
        ) : (
          <p className="page-status" aria-busy={graph.loading}>
            {graph.error ? `Could not load the workflow version: ${graph.error}` : 'Loading the workflow…'}
          </p>
        )}
      </div>
      <div className="lead-side">
        {waiting && (
          <section className="waiting-now" aria-labelledby="waiting-title" data-testid="waiting-now">
            <h2 id="waiting-title">{lead.run.status === 'error' ? 'Stopped' : 'Waiting'} at {names.node(waiting.nodeId)}</h2>
            <p>
              For {waiting.description}
              {waiting.until ? `, until ${new Date(waiting.until).toLocaleString()}` : ''} · since {new Date(waiting.since).toLocaleString()}
            </p>
          </section>
        )}
        {assignment && (
          <section aria-labelledby="why-owner">
            <h2 id="why-owner">Why {assignment.repName ?? 'nobody'}?</h2>
            <p data-testid="assignment-reason">{assignment.reason}</p>
          </section>
        )}
        <LeadActions lead={lead} onPosted={history.reload} />
        <ScoreBreakdown lead={lead} steps={data.steps} />
        <section aria-labelledby="fields-title">
          <h2 id="fields-title">Fields</h2>
          <dl className="lead-fields">
            {FIELD_ROWS.map(([label, key, read]) => {
              const value = read(data, directory);
              return value === null || value === undefined || value === '' ? null : (
                <div key={label} style={{ display: 'contents' }}>
                  <dt title={key}>{label}</dt>
                  <dd>{String(value)}</dd>
                </div>
              );
            })}
            {Object.entries({ ...lead.fields, ...Object.fromEntries(Object.entries(lead.custom).map(([key, value]) => [`custom.${key}`, value])) }).map(([key, value]) => (
              <div key={key} style={{ display: 'contents' }}>
                <dt title={key} data-testid="field-name">
                  {humanize(key)}
                </dt>
                <dd>{resolve(key, value, directory)}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">
            Steps {selectedNodeId && <span className="muted">at {names.node(selectedNodeId)} </span>}
            {selectedNodeId && (
              <button type="button" onClick={() => setSelectedNodeId(null)}>
                Show all
              </button>
            )}
          </h2>
          <StepTimeline steps={steps} names={names} nodeTypes={nodeTypes} selectedNodeId={selectedNodeId} onSelect={setSelectedNodeId} />
        </section>
        <section aria-labelledby="events-title">
          <h2 id="events-title">Events</h2>
          {data.events.length === 0 ? (
            <p className="muted">No events yet.</p>
          ) : (
            <ul aria-label="Events">
              {data.events.map((event) => (
                <li key={event.id}>
                  <strong>{humanize(event.type)}</strong> <span className="muted">{new Date(event.occurredAt).toLocaleString()}</span>
                  {Object.keys(event.data).length > 0 && <span className="muted"> · {showValue(event.data)}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

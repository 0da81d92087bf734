import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { GraphDocument, LeadHistory, NodeDescription, Rep, VersionDetail } from '../api/types';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import type { NodeMark } from '../graph/flow-model';
import { GraphView } from '../graph/GraphView';
import { leadPath } from '../graph/lead-path';
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

const FIELD_ROWS: Array<[string, (history: LeadHistory, reps: Map<string, Rep>) => unknown]> = [
  ['Email', (h) => h.lead.email],
  ['Company', (h) => h.lead.company],
  ['Title', (h) => h.lead.title],
  ['Phone', (h) => h.lead.phone],
  ['Country', (h) => h.lead.country],
  ['Source', (h) => h.lead.source],
  ['Channel', (h) => h.lead.channel],
  ['Status', (h) => h.lead.status],
  ['Owner', (h, reps) => (h.lead.ownerId ? (reps.get(h.lead.ownerId)?.name ?? h.lead.ownerId) : 'unassigned')],
  ['Team', (h) => h.lead.teamId],
  ['Disqualified because', (h) => h.lead.disqualificationReason],
];

/** One lead: the graph of the exact version it ran with its path, where it waits, why, and what happened. */
export function LeadPage() {
  const { id = '' } = useParams();
  const { api, nodeTypes } = useLeadflow();
  const [selectedNodeId, setSelectedNodeId] = useState<string | null>(null);
  const history = useLoad(() => api.get<LeadHistory>(`/api/leads/${id}/history`), id);
  const reps = useLoad(() => api.get<{ reps: Rep[] }>('/api/reps?includeArchived=true'), 'reps');
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
  const repMap = new Map((reps.data?.reps ?? []).map((rep) => [rep.id, rep]));
  const waiting = data.waiting;
  const assignment = data.assignments.at(-1);
  const steps = selectedNodeId ? data.steps.filter((step) => step.nodeId === selectedNodeId) : data.steps;

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
            <GraphView document={graph.data.document} descriptions={graph.data.descriptions} nodeTypes={nodeTypes} nodeMarks={marks.nodes} edgeMarks={marks.edges} onNodeClick={(nodeId) => setSelectedNodeId((current) => (current === nodeId ? null : nodeId))} label="The path this lead took" />
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
            <h2 id="waiting-title">{lead.run.status === 'error' ? 'Stopped' : 'Waiting'} at {waiting.nodeId}</h2>
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
            {FIELD_ROWS.map(([label, read]) => {
              const value = read(data, repMap);
              return value === null || value === undefined || value === '' ? null : (
                <div key={label} style={{ display: 'contents' }}>
                  <dt>{label}</dt>
                  <dd>{String(value)}</dd>
                </div>
              );
            })}
            {Object.entries({ ...lead.fields, ...Object.fromEntries(Object.entries(lead.custom).map(([key, value]) => [`custom.${key}`, value])) }).map(([key, value]) => (
              <div key={key} style={{ display: 'contents' }}>
                <dt>{key}</dt>
                <dd>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">
            Steps {selectedNodeId && <span className="muted">at {selectedNodeId} </span>}
            {selectedNodeId && (
              <button type="button" onClick={() => setSelectedNodeId(null)}>
                Show all
              </button>
            )}
          </h2>
          <StepTimeline steps={steps} selectedNodeId={selectedNodeId} onSelect={setSelectedNodeId} />
        </section>
        <section aria-labelledby="events-title">
          <h2 id="events-title">Events</h2>
          {data.events.length === 0 ? (
            <p className="muted">No events yet.</p>
          ) : (
            <ul aria-label="Events">
              {data.events.map((event) => (
                <li key={event.id}>
                  <strong>{event.type}</strong> <span className="muted">{new Date(event.occurredAt).toLocaleString()}</span>
                  {Object.keys(event.data).length > 0 && <code> {JSON.stringify(event.data)}</code>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

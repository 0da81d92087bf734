import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type {
  Account,
  GraphDocument,
  LeadHistory,
  NodeDescription,
  Rep,
  Team,
  VersionDetail,
} from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import type { NodeMark } from '../graph/flow-model';
import { GraphView } from '../graph/GraphView';
import { leadPath } from '../graph/lead-path';
import { documentNames, type NodeNames } from '../graph/node-names';
import { describeGraph } from '../graph/use-node-descriptions';
import { LiveBadge } from '../live/LiveBadge';
import { useLeadChanges, useThrottled } from '../live/use-lead-changes';
import { EraseLeadDialog } from './EraseLeadDialog';
import { LeadActions } from './LeadActions';
import { LeadEvents } from './LeadEvents';
import { type Directory, LeadFields } from './LeadFields';
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

/** Steps in the order they happened: by start time, then by their place in the trail. */
const inOrder = <T extends { startedAt: string; seq: number }>(steps: readonly T[]): T[] =>
  [...steps].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.seq - b.seq);

/** One lead: the graph of the exact version it ran with its path, where it waits, why, and what happened. */
export function LeadPage() {
  const { id = '' } = useParams();
  const { api, nodeTypes, principal } = useLeadflow();
  const [selectedNodeId, setSelectedNodeId] = useState<string | null>(null);
  const [erasing, setErasing] = useState(false);
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
  const graph = useLoad<Graph | null>(
    async () => {
      if (!lead) return null;
      const version = await api.get<VersionDetail>(
        `/api/workflows/${lead.workflowId}/versions/${lead.workflowVersion}`,
      );
      const described = await describeGraph(api, lead.workflowId, version.document);
      return { version: lead.workflowVersion, document: version.document, descriptions: described.nodes };
    },
    lead ? `${lead.workflowId}@${lead.workflowVersion}` : 'none',
  );

  const reload = useThrottled(history.reload, 500);
  const live = useLeadChanges(api, (ids) => {
    if (ids === null || ids.includes(id)) reload();
  });

  const names = useMemo<NodeNames>(
    () =>
      documentNames(graph.data?.document ?? { name: '', nodes: [], edges: [] }, nodeTypes, graph.data?.descriptions),
    [graph.data, nodeTypes],
  );

  const marks = useMemo(() => {
    if (!history.data || !graph.data) return { nodes: {}, edges: {} };
    const path = leadPath(history.data.steps, graph.data.document.edges);
    const nodes: Record<string, { mark: NodeMark; visits?: number }> = {};
    for (const [nodeId, visits] of Object.entries(path.visits))
      nodes[nodeId] = { mark: path.failedNodes.has(nodeId) ? 'failed' : 'visited', visits };
    const current = history.data.lead.run.nodeId;
    if (current && history.data.lead.run.status !== 'completed')
      nodes[current] = {
        mark: history.data.lead.run.status === 'error' ? 'failed' : 'current',
        visits: path.visits[current],
      };
    const edges: Record<string, 'taken'> = Object.fromEntries(
      [...path.takenEdges].map((edgeId) => [edgeId, 'taken' as const]),
    );
    return { nodes, edges };
  }, [history.data, graph.data]);

  if (history.error && !history.data)
    return (
      <p className="page-status banner error" role="alert">
        Could not load the lead: {history.error}
      </p>
    );
  if (!history.data || !lead)
    return (
      <p className="page-status" aria-busy="true">
        Loading the lead…
      </p>
    );
  const data = history.data;
  const waiting = data.waiting;
  const assignment = data.assignments.at(-1);
  const ordered = inOrder(data.steps);
  const steps = selectedNodeId ? ordered.filter((step) => step.nodeId === selectedNodeId) : ordered;
  // An erased lead is a tombstone: its path, step and event kinds and times, nothing personal.
  const erased = lead.erasedAt !== null;

  return (
    <div className="lead-page">
      <div className="editor-header">
        <h1>
          <Link to="/leads">Leads</Link> / {leadName(lead)}
        </h1>
        <span className={`badge ${erased ? '' : (RUN_STATUS_BADGE[lead.run.status] ?? '')}`} data-testid="run-status">
          {erased ? 'erased' : lead.run.status}
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
        {erased && (
          <section className="erased-notice" aria-labelledby="erased-title" data-testid="erased-notice">
            <h2 id="erased-title">Erased on {new Date(lead.erasedAt as string).toLocaleString()}</h2>
            <p>
              At a request to be forgotten: its personal data, event data and step details were removed, its run was
              stopped and its history can no longer be read. What is left — the path it took, step and event kinds and
              times — keeps the metrics honest.
            </p>
          </section>
        )}
        {!erased && waiting && (
          <section className="waiting-now" aria-labelledby="waiting-title" data-testid="waiting-now">
            <h2 id="waiting-title">
              {lead.run.status === 'error' ? 'Stopped' : 'Waiting'} at {names.node(waiting.nodeId)}
            </h2>
            <p>
              For {waiting.description}
              {waiting.until ? `, until ${new Date(waiting.until).toLocaleString()}` : ''} · since{' '}
              {new Date(waiting.since).toLocaleString()}
            </p>
          </section>
        )}
        {!erased && assignment && (
          <section aria-labelledby="why-owner">
            <h2 id="why-owner">Why {assignment.repName ?? 'nobody'}?</h2>
            <p data-testid="assignment-reason">{assignment.reason}</p>
          </section>
        )}
        {!erased && <LeadActions lead={lead} onPosted={history.reload} />}
        {!erased && <ScoreBreakdown lead={lead} steps={data.steps} />}
        {!erased && <LeadFields lead={lead} directory={directory} />}
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">
            Steps {selectedNodeId && <span className="muted">at {names.node(selectedNodeId)} </span>}
            {selectedNodeId && (
              <button type="button" onClick={() => setSelectedNodeId(null)}>
                Show all
              </button>
            )}
          </h2>
          <StepTimeline
            steps={steps}
            names={names}
            nodeTypes={nodeTypes}
            selectedNodeId={selectedNodeId}
            onSelect={setSelectedNodeId}
          />
        </section>
        <LeadEvents events={data.events} erased={erased} />
        {!erased && principal.role === 'admin' && (
          <section className="erase-section" aria-labelledby="erase-title">
            <h2 id="erase-title">Privacy</h2>
            <p className="muted">
              On a request to be forgotten: remove this lead's personal data for good, keeping only what the metrics
              count.
            </p>
            <button type="button" className="danger" onClick={() => setErasing(true)}>
              Erase this lead…
            </button>
          </section>
        )}
        {erasing && <EraseLeadDialog lead={lead} onErased={history.reload} onClose={() => setErasing(false)} />}
      </div>
    </div>
  );
}

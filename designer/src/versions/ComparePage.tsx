import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { GraphDocument, NodeDescription, VersionDetail, WorkflowDetail } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import type { NodeMark } from '../graph/flow-model';
import { GraphView } from '../graph/GraphView';
import { describeGraph } from '../graph/use-node-descriptions';
import { diffGraphs, mergedForCompare } from './graph-diff';
import '../graph/graph.css';
import '../editor/editor.css';

interface Side {
  label: string;
  document: GraphDocument;
}

/** Two versions (or a version and the draft) on one canvas: added, removed and changed highlighted, and listed. */
export function ComparePage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const { api, nodeTypes } = useLeadflow();
  const from = Number(search.get('from') ?? NaN);
  const to = Number(search.get('to') ?? NaN);
  const side = async (version: number): Promise<Side> => {
    if (version === 0)
      return { label: 'draft', document: (await api.get<WorkflowDetail>(`/api/workflows/${id}`)).draft };
    return {
      label: `v${version}`,
      document: (await api.get<VersionDetail>(`/api/workflows/${id}/versions/${version}`)).document,
    };
  };
  const loaded = useLoad(async () => {
    const [before, after] = await Promise.all([side(from), side(to)]);
    const diff = diffGraphs(before.document, after.document);
    const merged = mergedForCompare(before.document, after.document, diff);
    const workflow = await api.get<WorkflowDetail>(`/api/workflows/${id}`);
    // Ports of removed nodes come from the old version's own description.
    const [afterNodes, beforeNodes] = await Promise.all([
      describeGraph(api, workflow.id, after.document),
      describeGraph(api, workflow.id, before.document),
    ]);
    const descriptions: Record<string, NodeDescription> = { ...beforeNodes.nodes, ...afterNodes.nodes };
    return { before, after, diff, merged, descriptions };
  }, `${id}:${from}:${to}`);

  const marks = useMemo(() => {
    if (!loaded.data) return { nodes: {}, edges: {} };
    const nodes: Record<string, { mark: NodeMark }> = {};
    for (const [nodeId, change] of Object.entries(loaded.data.diff.nodes)) nodes[nodeId] = { mark: change };
    const edges: Record<string, 'added' | 'removed'> = {};
    for (const [edgeId, change] of Object.entries(loaded.data.diff.edges))
      if (change !== 'changed')
        edges[
          change === 'removed' && loaded.data.merged.edges.some((e) => e.id === `${edgeId}~removed`)
            ? `${edgeId}~removed`
            : edgeId
        ] = change;
    return { nodes, edges };
  }, [loaded.data]);

  if (Number.isNaN(from) || Number.isNaN(to))
    return <p className="page-status">Pick two versions to compare from a workflow's Versions panel.</p>;
  if (loaded.error)
    return (
      <p className="page-status banner error" role="alert">
        Could not compare: {loaded.error}
      </p>
    );
  if (!loaded.data)
    return (
      <p className="page-status" aria-busy="true">
        Comparing…
      </p>
    );
  const { before, after, diff, merged, descriptions } = loaded.data;
  const entries = Object.entries(diff.nodes);
  const edgeEntries = Object.entries(diff.edges);
  return (
    <div className="editor">
      <div className="editor-header">
        <h1>
          <Link to={`/workflows/${id}`}>{after.document.name}</Link> / compare {before.label} → {after.label}
        </h1>
        <span className="legend">
          <span className="badge ok">added</span> <span className="badge error">removed</span>{' '}
          <span className="badge warn">changed</span>
        </span>
      </div>
      <div className="editor-body">
        <div className="canvas">
          <GraphView
            document={merged}
            nodeTypes={nodeTypes}
            descriptions={descriptions}
            nodeMarks={marks.nodes}
            edgeMarks={marks.edges}
            label={`Compare ${before.label} with ${after.label}`}
          />
        </div>
        <aside className="side-panel" aria-label="Changes">
          <h2>Changes</h2>
          {entries.length === 0 && edgeEntries.length === 0 && (
            <p className="muted">No differences that affect leads (positions are ignored).</p>
          )}
          <ul className="changes" data-testid="changes">
            {entries.map(([nodeId, change]) => (
              <li key={nodeId}>
                <span className={`badge ${change === 'added' ? 'ok' : change === 'removed' ? 'error' : 'warn'}`}>
                  {change}
                </span>{' '}
                node <code>{nodeId}</code>
                {diff.nodeDetails[nodeId] && <div className="muted">{diff.nodeDetails[nodeId].join(', ')}</div>}
              </li>
            ))}
            {edgeEntries.map(([edgeId, change]) => {
              const edge = [...after.document.edges, ...before.document.edges].find(
                (candidate) => candidate.id === edgeId,
              );
              return (
                <li key={`edge-${edgeId}`}>
                  <span className={`badge ${change === 'added' ? 'ok' : 'error'}`}>{change}</span> edge{' '}
                  {edge ? `${edge.source} (${edge.sourceHandle}) → ${edge.target}` : edgeId}
                </li>
              );
            })}
          </ul>
        </aside>
      </div>
    </div>
  );
}

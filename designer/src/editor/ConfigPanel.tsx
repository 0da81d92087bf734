import { useMemo } from 'react';
import type { Problem } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import type { LeadflowNode } from '../graph/flow-model';
import { type Pickers, SchemaForm, serverErrorsForNode } from '../schema-form';
import type { JsonSchema } from '../schema-form';
import { removedPorts, withDerivedPorts } from './derive-ports';
import { useEditor } from './editor-store';

export interface ConfigPanelProps {
  node: LeadflowNode;
  pickers: Pickers;
  readOnly: boolean;
}

/** The selected node: what it is, its label, and its config form generated from its schema. */
export function ConfigPanel({ node, pickers, readOnly }: ConfigPanelProps) {
  const { nodeTypes } = useLeadflow();
  const problems = useEditor((state) => state.problems);
  const commit = useEditor((state) => state.commit);
  const { graphNode, nodeType } = node.data;
  const serverErrors = useMemo(() => serverErrorsForNode(problems, graphNode.id), [problems, graphNode.id]);
  const nodeLevel = problems.filter(
    (problem: Problem) => problem.nodeId === graphNode.id && !problem.path.startsWith('config'),
  );
  const otherVersions = nodeTypes.filter(
    (candidate) => candidate.type === graphNode.type && candidate.version !== graphNode.typeVersion,
  );

  const update = (patch: Partial<typeof graphNode>, coalesce?: string) =>
    commit(
      ({ nodes, edges }) => ({
        nodes: nodes.map((candidate) =>
          candidate.id === graphNode.id
            ? { ...candidate, data: { ...candidate.data, graphNode: { ...candidate.data.graphNode, ...patch } } }
            : candidate,
        ),
        edges,
      }),
      coalesce,
    );

  return (
    <section className="config-panel" aria-labelledby="config-title">
      <header>
        <span className="lf-icon" aria-hidden="true">
          {nodeType?.icon ?? '?'}
        </span>
        <div>
          <h2 id="config-title">{graphNode.label || nodeType?.title || graphNode.type}</h2>
          <div className="muted" title={`id ${graphNode.id}`}>
            {nodeType?.title ?? graphNode.type} · version {graphNode.typeVersion}
            {nodeType && !nodeType.latest && <span className="badge warn"> newer version available</span>}
          </div>
        </div>
      </header>
      {nodeType ? (
        <p className="muted">{nodeType.description}</p>
      ) : (
        <p className="banner error">This node type is not installed on the server.</p>
      )}
      {nodeLevel.map((problem) => (
        <p key={`${problem.path}-${problem.message}`} className="banner error" role="alert">
          {problem.message}
        </p>
      ))}
      <div className="field">
        <label htmlFor={`label-${graphNode.id}`}>Label</label>
        <input
          id={`label-${graphNode.id}`}
          value={graphNode.label ?? ''}
          placeholder={nodeType?.title}
          readOnly={readOnly}
          maxLength={200}
          onChange={(event) => update({ label: event.target.value || undefined }, `label:${graphNode.id}`)}
        />
      </div>
      {otherVersions.length > 0 && !readOnly && nodeType && (
        <div className="field">
          <label htmlFor={`version-${graphNode.id}`}>Node version</label>
          <select
            id={`version-${graphNode.id}`}
            value={graphNode.typeVersion}
            onChange={(event) => {
              const target = nodeTypes.find(
                (candidate) => candidate.type === graphNode.type && candidate.version === Number(event.target.value),
              );
              if (target) update({ typeVersion: target.version, config: structuredClone(target.defaultConfig) });
            }}
          >
            {[nodeType, ...otherVersions]
              .sort((a, b) => a.version - b.version)
              .map((candidate) => (
                <option key={candidate.version} value={candidate.version}>
                  v{candidate.version}
                  {candidate.latest ? ' (latest)' : ''}
                </option>
              ))}
          </select>
          <p className="muted">Changing the version resets this node's config to the new version's defaults.</p>
        </div>
      )}
      {nodeType && (
        <SchemaForm
          key={`${graphNode.id}@${graphNode.typeVersion}`}
          idPrefix={`node-${graphNode.id}`}
          schema={nodeType.configSchema}
          value={graphNode.config}
          onChange={(config) => {
            // Ports named after labels follow the label until an edge uses them (derive-ports);
            // a case removed takes its edge with it.
            const schema = nodeType.configSchema as JsonSchema;
            const leaving = useEditor.getState().edges.filter((edge) => edge.source === graphNode.id);
            const used = new Set(leaving.map((edge) => edge.sourceHandle ?? ''));
            const next = withDerivedPorts(schema, config as Record<string, unknown>, used);
            const gone = removedPorts(schema, graphNode.config, next);
            commit(
              ({ nodes, edges }) => ({
                nodes: nodes.map((candidate) =>
                  candidate.id === graphNode.id
                    ? {
                        ...candidate,
                        data: { ...candidate.data, graphNode: { ...candidate.data.graphNode, config: next } },
                      }
                    : candidate,
                ),
                edges: gone.size
                  ? edges.filter((edge) => !(edge.source === graphNode.id && gone.has(edge.sourceHandle ?? '')))
                  : edges,
              }),
              `config:${graphNode.id}`,
            );
          }}
          serverErrors={serverErrors}
          pickers={pickers}
          readOnly={readOnly}
        />
      )}
    </section>
  );
}

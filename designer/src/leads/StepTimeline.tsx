import type { NodeType, Step } from '@leadflow/server/contract';
import type { NodeNames } from '../graph/node-names';

/** Every node the lead passed, in order: the node by name, the path it took, why, attempts, errors, input and output. */
export function StepTimeline(props: {
  steps: Step[];
  names: NodeNames;
  nodeTypes: readonly NodeType[];
  selectedNodeId: string | null;
  onSelect(nodeId: string): void;
}) {
  const typeTitle = (step: Step) =>
    props.nodeTypes.find((nodeType) => nodeType.type === step.nodeType && nodeType.version === step.typeVersion)
      ?.title ?? step.nodeType;
  return (
    <ol className="timeline" aria-label="Steps">
      {props.steps.map((step) => (
        <li
          key={step.seq}
          className={`status-${step.status}${props.selectedNodeId === step.nodeId ? ' selected' : ''}`}
          data-testid="timeline-step"
        >
          <div>
            <span className="muted" title={`step ${step.seq}`}>
              {new Date(step.startedAt).toLocaleTimeString()}
            </span>{' '}
            <button
              type="button"
              className="link step-node"
              onClick={() => props.onSelect(step.nodeId)}
              title={`Show on the graph (id ${step.nodeId})`}
            >
              {props.names.node(step.nodeId)}
            </button>{' '}
            <span className="muted">
              {props.names.node(step.nodeId) === typeTitle(step) ? '' : typeTitle(step)}
              {step.visit > 1 ? ` · visit ${step.visit}` : ''}
            </span>{' '}
            {step.port && <span className="badge">→ {props.names.port(step.nodeId, step.port)}</span>}{' '}
            {step.status !== 'completed' && (
              <span className={`badge ${step.status === 'failed' ? 'error' : 'warn'}`}>{step.status}</span>
            )}
            {step.attempts > 1 && <span className="badge warn">{step.attempts} attempts</span>}
          </div>
          {step.reason && <div>{step.reason}</div>}
          {step.waiting && (
            <div className="muted">
              waiting for {step.waiting.description}
              {step.waiting.until ? ` until ${new Date(step.waiting.until).toLocaleString()}` : ''}
            </div>
          )}
          {step.error && <div className="error-text">{step.error}</div>}
          {(step.input || step.output) && (
            <details>
              <summary>Input and output</summary>
              {step.input && <pre aria-label="Input">{JSON.stringify(step.input, null, 2)}</pre>}
              {step.output && <pre aria-label="Output">{JSON.stringify(step.output, null, 2)}</pre>}
            </details>
          )}
          {step.dataPrunedAt && !step.input && !step.output && (
            <div className="muted">
              Input and output removed {new Date(step.dataPrunedAt).toLocaleDateString()} (step data retention)
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

import type { Step } from '../api/types';

/** Every node the lead passed, in order: port taken, why, attempts, errors, input and output. */
export function StepTimeline(props: { steps: Step[]; selectedNodeId: string | null; onSelect(nodeId: string): void }) {
  return (
    <ol className="timeline" aria-label="Steps">
      {props.steps.map((step) => (
        <li key={step.seq} className={`status-${step.status}${props.selectedNodeId === step.nodeId ? ' selected' : ''}`} data-testid="timeline-step">
          <div>
            <span className="muted">#{step.seq}</span>{' '}
            <button type="button" className="link" onClick={() => props.onSelect(step.nodeId)}>
              {step.nodeId}
            </button>{' '}
            <span className="muted">
              {step.nodeType} v{step.typeVersion}
              {step.visit > 1 ? ` · visit ${step.visit}` : ''}
            </span>{' '}
            {step.port && <span className="badge">→ {step.port}</span>} {step.status !== 'completed' && <span className={`badge ${step.status === 'failed' ? 'error' : 'warn'}`}>{step.status}</span>}
            {step.attempts > 1 && <span className="badge warn">{step.attempts} attempts</span>}
          </div>
          {step.reason && <div>{step.reason}</div>}
          {step.waiting && <div className="muted">waiting for {step.waiting.description}{step.waiting.until ? ` until ${new Date(step.waiting.until).toLocaleString()}` : ''}</div>}
          {step.error && <div className="error-text">{step.error}</div>}
          <div className="muted">{new Date(step.startedAt).toLocaleString()}</div>
          {(step.input || step.output) && (
            <details>
              <summary>Input and output</summary>
              {step.input && <pre aria-label="Input">{JSON.stringify(step.input, null, 2)}</pre>}
              {step.output && <pre aria-label="Output">{JSON.stringify(step.output, null, 2)}</pre>}
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}

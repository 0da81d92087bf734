import { useMemo, useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { TestRunResult } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import type { NodeMark } from '../graph/flow-model';
import { leadPath } from '../graph/lead-path';
import { nodeNames } from '../graph/node-names';
import { useEditor } from './editor-store';

const SAMPLE_FIELDS = ['email', 'firstName', 'lastName', 'company', 'title', 'country', 'source'] as const;
const DEFAULT_SAMPLE: Record<string, string> = {
  email: 'jane.doe@acme.com',
  firstName: 'Jane',
  lastName: 'Doe',
  company: 'Acme Inc.',
  title: 'VP Operations',
  country: 'US',
  source: 'demo_request',
};

interface ScriptedEvent {
  type: string;
  afterMinutes: string;
}

/** Runs a sample lead through the draft as it is on screen, without side effects, and paints its path. */
export function TestRunPanel(props: { workflowId: string; onSelect(nodeId: string): void }) {
  const { api } = useLeadflow();
  const nodes = useEditor((state) => state.nodes);
  const names = useMemo(() => nodeNames(nodes), [nodes]);
  const [sample, setSample] = useState<Record<string, string>>(DEFAULT_SAMPLE);
  const [events, setEvents] = useState<ScriptedEvent[]>([{ type: 'contacted', afterMinutes: '2' }]);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<TestRunResult | null>(null);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const store = useEditor.getState();
      const document = store.document();
      const lead = Object.fromEntries(Object.entries(sample).filter(([, value]) => value.trim() !== ''));
      const scripted = events
        .filter((event) => event.type.trim())
        .map((event) => ({ type: event.type.trim(), afterMs: Math.round(Number(event.afterMinutes || 0) * 60_000) }));
      const answer = await api.request<TestRunResult>('POST', `/api/workflows/${props.workflowId}/test-run`, {
        document,
        lead,
        events: scripted,
      });
      setResult(answer);
      const path = leadPath(
        answer.steps.map((step) => ({ ...step, status: step.error ? 'failed' : 'completed' })),
        document.edges,
      );
      const marks: Record<string, { mark: NodeMark; visits?: number }> = Object.fromEntries(
        Object.entries(path.visits).map(([id, visits]) => [id, { mark: 'visited', visits }]),
      );
      if (answer.stoppedAt)
        marks[answer.stoppedAt.nodeId] = {
          mark: answer.outcome === 'failed' ? 'failed' : 'current',
          visits: path.visits[answer.stoppedAt.nodeId] ?? 1,
        };
      store.setOverlay({ nodes: marks, edges: path.takenEdges });
    } catch (failure) {
      setResult(null);
      useEditor.getState().setOverlay(null);
      setError(errorMessage(failure));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="test-run" aria-labelledby="test-run-title">
      <h2 id="test-run-title">Test run</h2>
      <p className="muted">
        Runs the draft on screen with a sample lead. Nothing is kept and nothing is sent: assign says whom it would
        pick, notify shows what it would send.
      </p>
      <fieldset>
        <legend>Sample lead</legend>
        {SAMPLE_FIELDS.map((field) => (
          <div className="field inline" key={field}>
            <label htmlFor={`sample-${field}`}>{field}</label>
            <input
              id={`sample-${field}`}
              value={sample[field] ?? ''}
              onChange={(event) => setSample({ ...sample, [field]: event.target.value })}
            />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>Events the lead receives</legend>
        {events.map((event, index) => (
          <div className="field inline" key={index}>
            <label htmlFor={`event-type-${index}`} className="visually-hidden">
              Event {index + 1} type
            </label>
            <input
              id={`event-type-${index}`}
              value={event.type}
              placeholder="contacted"
              onChange={(e) => setEvents(events.map((x, i) => (i === index ? { ...x, type: e.target.value } : x)))}
            />
            <label htmlFor={`event-after-${index}`}>after (min)</label>
            <input
              id={`event-after-${index}`}
              type="number"
              min={0}
              step="any"
              value={event.afterMinutes}
              style={{ width: 70 }}
              onChange={(e) =>
                setEvents(events.map((x, i) => (i === index ? { ...x, afterMinutes: e.target.value } : x)))
              }
            />
            <button
              type="button"
              aria-label={`Remove event ${index + 1}`}
              onClick={() => setEvents(events.filter((_, i) => i !== index))}
            >
              ✕
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setEvents([...events, { type: '', afterMinutes: '0' }])}>
          Add event
        </button>
      </fieldset>
      <div className="row">
        <button type="button" className="primary" onClick={run} disabled={running} data-testid="run-test">
          {running && <span className="spinner" aria-hidden="true" />} {running ? 'Running…' : 'Run test'}
        </button>
        {result && (
          <button
            type="button"
            onClick={() => {
              setResult(null);
              useEditor.getState().setOverlay(null);
            }}
          >
            Clear path
          </button>
        )}
      </div>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="test-result" aria-live="polite">
          <p
            className={`banner ${result.outcome === 'completed' ? 'info' : result.outcome === 'waiting' ? 'warn' : 'error'}`}
            data-testid="test-outcome"
          >
            {result.outcome === 'completed' && `Completed in ${result.steps.length} steps.`}
            {result.outcome === 'waiting' &&
              `Would wait at ${names.node(result.stoppedAt?.nodeId)}: ${result.stoppedAt?.reason}`}
            {result.outcome === 'failed' &&
              `Failed at ${names.node(result.stoppedAt?.nodeId)}: ${result.stoppedAt?.reason}`}
            {result.outcome === 'step_limit' && result.stoppedAt?.reason}
          </p>
          <ol className="steps">
            {result.steps.map((step) => (
              <li key={step.seq}>
                <button
                  type="button"
                  className="link step-node"
                  onClick={() => props.onSelect(step.nodeId)}
                  title="Show this node"
                >
                  {names.node(step.nodeId)}
                </button>
                {step.port && <span className="badge">→ {names.port(step.nodeId, step.port)}</span>}
                {step.waited && (
                  <span className="muted">
                    {' '}
                    waited {Math.round(step.waited.simulatedMs / 60_000)} min for {step.waited.description} (
                    {step.waited.endedBy})
                  </span>
                )}
                {step.reason && <div>{step.reason}</div>}
                {step.error && <div className="error-text">{step.error}</div>}
                {step.output && (
                  <details>
                    <summary>Output</summary>
                    <pre>{JSON.stringify(step.output, null, 2)}</pre>
                  </details>
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

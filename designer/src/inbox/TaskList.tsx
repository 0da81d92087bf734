import { useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { Task } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';

/** The rep's open tasks, soonest due first, each with the lead it is about. */
export function TaskList({
  tasks,
  leadNames,
  onDone,
}: {
  tasks: Task[];
  leadNames: Map<string, string>;
  onDone(): void;
}) {
  const { api } = useLeadflow();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ id: string; text: string } | null>(null);

  const complete = async (task: Task) => {
    setBusy(task.id);
    setError(null);
    try {
      await api.request('POST', `/api/tasks/${task.id}/complete`);
      onDone();
    } catch (failure) {
      setError({ id: task.id, text: errorMessage(failure) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="inbox-panel" aria-labelledby="tasks-title">
      <h2 id="tasks-title">
        Open tasks <span className="badge">{tasks.length}</span>
      </h2>
      {tasks.length === 0 && <p className="muted">No open tasks.</p>}
      <ul className="tasks">
        {tasks.map((task) => {
          const overdue = Date.parse(task.dueAt) < Date.now();
          return (
            <li key={task.id}>
              <strong>{task.title}</strong>
              <span className="muted"> · {leadNames.get(task.leadId) ?? 'a lead'}</span>
              <div className={overdue ? 'error-text' : 'muted'}>
                {overdue ? 'Overdue since' : 'Due'} {new Date(task.dueAt).toLocaleString()}
              </div>
              <button
                type="button"
                onClick={() => void complete(task)}
                disabled={busy === task.id}
                aria-busy={busy === task.id}
                aria-label={`Done: ${task.title}`}
              >
                {busy === task.id && <span className="spinner" aria-hidden="true" />}
                Done
              </button>
              {error?.id === task.id && (
                <p role="alert" className="error-text">
                  {error.text}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

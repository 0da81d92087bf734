import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Rep, WorkflowDetail, WorkflowSummary, WorkflowTemplate } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import { PromptDialog } from '../app/PromptDialog';
import { useLoad } from '../app/use-load';
import { nextSteps } from './next-steps';
import './home.css';

/** The start page: what to do next, ticked from what exists, and templates to create a workflow from. */
export function HomePage() {
  const { api, principal } = useLeadflow();
  const navigate = useNavigate();
  const mayCreate = principal.role === 'admin' || principal.role === 'editor';
  const [picked, setPicked] = useState<WorkflowTemplate | null>(null);
  const state = useLoad(
    () =>
      Promise.all([
        api.get<{ reps: Rep[] }>('/api/reps').catch(() => ({ reps: [] as Rep[] })),
        api.get<{ workflows: WorkflowSummary[] }>('/api/workflows'),
        api.get<{ leads: unknown[] }>('/api/leads?limit=1').catch(() => ({ leads: [] })),
        api.get<{ templates: WorkflowTemplate[] }>('/api/workflow-templates'),
      ]),
    'home',
  );
  if (state.error && !state.data)
    return (
      <p className="page-status banner error" role="alert">
        Could not load the start page: {state.error}
      </p>
    );
  if (!state.data)
    return (
      <p className="page-status" aria-busy="true">
        Loading…
      </p>
    );
  const [reps, workflows, leads, templates] = state.data;
  const live = workflows.workflows.filter((workflow) => !workflow.archived);
  const steps = nextSteps(
    {
      reps: reps.reps.length,
      workflows: live.length,
      published: live.filter((workflow) => workflow.publishedVersion).length,
      leads: leads.leads.length,
    },
    live[0]?.slug ?? null,
  );
  const next = steps.find((step) => !step.done);

  return (
    <main className="page home">
      <div className="page-header">
        <h1>Welcome to Leadflow</h1>
      </div>
      <p className="lede">
        Draw how leads flow — capture, enrich, score, route, alert, wait, follow up — and every lead runs through it,
        step by step, with a record of why it went where it did.
      </p>
      <section aria-labelledby="next-title" className="next-steps">
        <h2 id="next-title">{next ? `Next: ${next.title.toLowerCase()}` : 'You are set up: leads are flowing'}</h2>
        <ol>
          {steps.map((step) => (
            <li
              key={step.id}
              className={step.done ? 'done' : step === next ? 'next' : ''}
              data-testid={`step-${step.id}`}
            >
              <span className="tick" aria-label={step.done ? 'done' : 'to do'}>
                {step.done ? '✓' : '○'}
              </span>
              <div>
                <strong>{step.title}</strong>
                <div className="muted">{step.why}</div>
              </div>
              {step.link.to.startsWith('#') ? (
                <a href={step.link.to}>{step.link.label}</a>
              ) : (
                <Link to={step.link.to}>{step.link.label}</Link>
              )}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="templates-title" id="templates">
        <h2 id="templates-title">Start from a template</h2>
        <ul className="templates" aria-label="Templates">
          {templates.templates.map((template) => (
            <li key={template.id} className="template-card" data-testid={`template-${template.id}`}>
              <h3>{template.name}</h3>
              <p>{template.description}</p>
              <p className="muted practice">{template.practice}</p>
              <div className="row">
                <span className="muted">{template.nodeCount} steps</span>
                {mayCreate && (
                  <button
                    type="button"
                    className="primary"
                    onClick={() => setPicked(template)}
                    aria-label={`Use the template ${template.name}`}
                  >
                    Use this template
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>
      {picked && (
        <PromptDialog
          title={`New workflow from “${picked.name}”`}
          label="Name"
          initial={picked.name}
          submitLabel="Create"
          onClose={() => setPicked(null)}
          onSubmit={async (name) => {
            const created = await api.request<WorkflowDetail>('POST', '/api/workflows', { name, template: picked.id });
            navigate(`/workflows/${created.slug}`);
          }}
        />
      )}
    </main>
  );
}

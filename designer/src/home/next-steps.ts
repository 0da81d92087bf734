/** What the start page knows about this installation. */
export interface Progress {
  reps: number;
  workflows: number;
  published: number;
  leads: number;
}

export interface NextStep {
  id: 'team' | 'workflow' | 'test' | 'publish' | 'leads';
  title: string;
  why: string;
  done: boolean;
  link: { to: string; label: string };
}

/**
 * The road from an empty install to leads reaching reps, each step ticked from what exists: reps
 * to route to, a workflow, a published version, leads coming in. The first open one is "next".
 */
export function nextSteps(progress: Progress, firstWorkflowSlug: string | null): NextStep[] {
  const editor = firstWorkflowSlug ? `/workflows/${firstWorkflowSlug}` : '/workflows';
  return [
    {
      id: 'team',
      title: 'Add your reps and teams',
      why: 'Assign nodes route leads to the reps of a team, a territory or an account owner.',
      done: progress.reps > 0,
      link: { to: '/team', label: 'Open Team' },
    },
    {
      id: 'workflow',
      title: 'Create a workflow',
      why: 'Start from a template below, built on proven lead-management practice, or from a blank canvas.',
      done: progress.workflows > 0,
      link: { to: '#templates', label: 'Pick a template' },
    },
    {
      id: 'test',
      title: 'Test-run it with a sample lead',
      why: 'See the path a lead would take and whom it would reach, without sending anything.',
      done: progress.published > 0,
      link: { to: editor, label: 'Open the editor' },
    },
    {
      id: 'publish',
      title: 'Publish it',
      why: 'New leads run on the published version; leads in flight stay on theirs.',
      done: progress.published > 0,
      link: { to: editor, label: 'Open the editor' },
    },
    {
      id: 'leads',
      title: 'Send leads in',
      why: 'A web form, a webhook, a CSV import or the API: every lead then runs through your workflow.',
      done: progress.leads > 0,
      link: { to: '/intake', label: 'Set up intake' },
    },
  ];
}

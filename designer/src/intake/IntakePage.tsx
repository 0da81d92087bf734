import type { WorkflowSummary } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import { FormsSection } from './FormsSection';
import { WebhookSourcesSection } from './WebhookSourcesSection';
import '../app/admin-pages.css';

/** Capture channels: web forms (public key and drop-in snippet) and signed webhook sources. */
export function IntakePage() {
  const { api } = useLeadflow();
  const workflows = useLoad(() => api.get<{ workflows: WorkflowSummary[] }>('/api/workflows'), 'intake-workflows');
  return (
    <main className="page intake">
      <div className="page-header">
        <h1>Intake</h1>
      </div>
      {workflows.error && (
        <p className="banner error" role="alert">
          Could not load the workflows: {workflows.error}
        </p>
      )}
      <FormsSection workflows={workflows.data?.workflows ?? []} />
      <WebhookSourcesSection workflows={workflows.data?.workflows ?? []} />
    </main>
  );
}

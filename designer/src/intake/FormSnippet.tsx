import type { WebForm } from '@leadflow/server/contract';
import { CopyButton } from '../app/CopyButton';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';

/** A form's public key and its drop-in HTML, each with a copy button. */
export function FormSnippet({ form }: { form: WebForm }) {
  const { api } = useLeadflow();
  const snippet = useLoad(() => api.getText(`/api/forms/${form.id}/snippet`), `snippet ${form.id} ${form.publicKey}`);
  return (
    <div className="panel" role="region" aria-label={`Snippet of ${form.name}`}>
      <h3>{form.name}: embed it</h3>
      <div className="secret-row">
        <span>Public key</span>
        <code>{form.publicKey}</code>
        <CopyButton text={form.publicKey} label="Copy key" />
      </div>
      <p className="muted">
        Paste this HTML where the form should appear; it posts to <code>{form.endpoint}</code> and shows the answer in
        place.
      </p>
      {snippet.error && (
        <p className="banner error" role="alert">
          Could not load the snippet: {snippet.error}
        </p>
      )}
      {snippet.loading && !snippet.data && <p aria-busy="true">Loading the snippet…</p>}
      {snippet.data && (
        <>
          <pre className="code" data-testid="form-snippet" tabIndex={0} aria-label="Snippet HTML">
            {snippet.data}
          </pre>
          <CopyButton text={snippet.data} label="Copy snippet" />
        </>
      )}
    </div>
  );
}

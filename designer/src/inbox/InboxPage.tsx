import { useSearchParams } from 'react-router';
import type { Rep } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import { InboxView } from './InboxView';
import './inbox.css';

/** A rep's own inbox; an admin picks whose inbox to look into (`?rep=`). */
export function InboxPage() {
  const { principal } = useLeadflow();
  if (principal.role === 'rep') {
    return (
      <main className="page">
        {principal.repId ? (
          <InboxView repId={principal.repId} />
        ) : (
          <p className="banner error">This rep token is not bound to a rep.</p>
        )}
      </main>
    );
  }
  return <RepInboxPicker />;
}

function RepInboxPicker() {
  const { api } = useLeadflow();
  const [search, setSearch] = useSearchParams();
  const reps = useLoad(() => api.get<{ reps: Rep[] }>('/api/reps'), 'reps');
  const repId = search.get('rep') ?? '';
  return (
    <main className="page">
      <form className="filters" aria-label="Whose inbox" onSubmit={(event) => event.preventDefault()}>
        <label>
          Rep
          <select
            value={repId}
            onChange={(event) => setSearch(event.target.value ? { rep: event.target.value } : {}, { replace: true })}
          >
            <option value="">Choose a rep…</option>
            {(reps.data?.reps ?? []).map((rep) => (
              <option key={rep.id} value={rep.id}>
                {rep.name}
              </option>
            ))}
          </select>
        </label>
        {reps.loading && <span className="spinner" aria-label="Loading reps" />}
        {reps.error && (
          <p role="alert" className="error-text">
            {reps.error}
          </p>
        )}
      </form>
      {repId ? (
        <InboxView key={repId} repId={repId} />
      ) : (
        <p className="muted">Choose a rep to see their inbox as they do.</p>
      )}
    </main>
  );
}

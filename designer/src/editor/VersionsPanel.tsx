import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Version } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';

/** Published versions with note, author and time; open one read-only, or compare two. */
export function VersionsPanel(props: { workflowId: string; reloadKey: number; openVersion: number | null }) {
  const { api } = useLeadflow();
  const navigate = useNavigate();
  const versions = useLoad(
    () => api.get<{ versions: Version[] }>(`/api/workflows/${props.workflowId}/versions`),
    `${props.workflowId}:${props.reloadKey}`,
  );
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const list = versions.data?.versions ?? [];
  if (versions.loading && !versions.data)
    return (
      <p className="muted" aria-busy="true">
        Loading versions…
      </p>
    );
  if (versions.error) return <p className="banner error">{versions.error}</p>;
  if (list.length === 0) return <p className="muted">Not published yet. Publish the draft to create version 1.</p>;
  return (
    <div className="versions">
      <form
        className="compare-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (from !== null && to !== null) navigate(`/workflows/${props.workflowId}/compare?from=${from}&to=${to}`);
        }}
      >
        <label htmlFor="compare-from">Compare version</label>
        <select id="compare-from" value={from ?? ''} onChange={(event) => setFrom(Number(event.target.value))}>
          <option value="" disabled>
            from…
          </option>
          {list.map((version) => (
            <option key={version.version} value={version.version}>
              v{version.version}
            </option>
          ))}
        </select>
        <label htmlFor="compare-to">with</label>
        <select id="compare-to" value={to ?? ''} onChange={(event) => setTo(Number(event.target.value))}>
          <option value="" disabled>
            to…
          </option>
          <option value={0}>draft</option>
          {list.map((version) => (
            <option key={version.version} value={version.version}>
              v{version.version}
            </option>
          ))}
        </select>
        <button type="submit" disabled={from === null || to === null || from === to}>
          Compare
        </button>
      </form>
      <ol className="version-list" aria-label="Published versions">
        {list.map((version) => (
          <li key={version.version} className={props.openVersion === version.version ? 'current' : undefined}>
            <div>
              <Link to={`/workflows/${props.workflowId}/versions/${version.version}`}>Version {version.version}</Link>{' '}
              <span className="muted">
                by {version.author}, {new Date(version.publishedAt).toLocaleString()}
              </span>
            </div>
            <div>{version.note || <span className="muted">(no note)</span>}</div>
          </li>
        ))}
      </ol>
    </div>
  );
}

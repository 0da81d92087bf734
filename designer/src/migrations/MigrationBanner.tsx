import { useState } from 'react';
import { useLeadflow } from '../app/leadflow-context';
import { MigrationDialog } from './MigrationDialog';
import { leadCount } from './migration-review';
import type { WaitingVersion } from './migration-types';
import { useWaitingVersions } from './use-waiting-versions';
import './migrations.css';

interface Props {
  workflow: { id: string; publishedVersion: number | null; leadsInFlight: number };
  /** Publishing bumps it: the check runs again against the new live version. */
  refresh: number;
  /** After a review closes: leads may have moved, so the workflow's figures may have changed. */
  onReviewed(): void;
}

/**
 * "N leads wait on version K — Review migration", for each older version that still has leads
 * in flight (admins and editors, who may move them), with the review one click away.
 */
export function MigrationBanner({ workflow, refresh, onReviewed }: Props) {
  const { api, principal } = useLeadflow();
  const mayMigrate = principal.role === 'admin' || principal.role === 'editor';
  const [moves, setMoves] = useState(0);
  const waiting = useWaitingVersions(api, workflow, mayMigrate, refresh + moves);
  const [reviewing, setReviewing] = useState<WaitingVersion | null>(null);
  const live = workflow.publishedVersion;
  if (waiting.error)
    return <span className="banner error">Could not check for leads on older versions: {waiting.error}</span>;
  if (!waiting.data?.length || live === null) return null;
  return (
    <>
      {waiting.data.map((older) => (
        <span
          key={older.version}
          className="banner warn migration-banner"
          role="status"
          data-testid={`migration-banner-${older.version}`}
        >
          {leadCount(older.leads)} {older.leads === 1 ? 'waits' : 'wait'} on version {older.version} —{' '}
          <button type="button" className="link-button" onClick={() => setReviewing(older)}>
            review migration
          </button>
        </span>
      ))}
      {reviewing && (
        <MigrationDialog
          workflowId={workflow.id}
          fromVersion={reviewing.version}
          toVersion={live}
          initial={reviewing.report}
          onClose={() => {
            setReviewing(null);
            setMoves((count) => count + 1);
            onReviewed();
          }}
        />
      )}
    </>
  );
}

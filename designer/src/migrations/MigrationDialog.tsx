import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { VersionDetail } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import { migrationNames } from './migration-names';
import { leadCount, reasonInWords, reviewRows } from './migration-review';
import type { MigrationReport } from './migration-types';
import { MigrationResult } from './MigrationResult';
import { MigrationTable } from './MigrationTable';
import { dryRun } from './use-waiting-versions';

interface Props {
  workflowId: string;
  fromVersion: number;
  toVersion: number;
  /** The dry run that raised the banner: shown until a fresh one arrives. */
  initial: MigrationReport;
  onClose(): void;
}

/**
 * Reviews moving the leads that wait on an old version onto the live one: the dry run by node
 * (from → to, how many, who cannot move and why), a choice of the new version's waits for each old
 * node, then the move itself, with its result.
 */
export function MigrationDialog({ workflowId, fromVersion, toVersion, initial, onClose }: Props) {
  const { api, nodeTypes } = useLeadflow();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [nodeMap, setNodeMap] = useState<Record<string, string>>({});
  const [moving, setMoving] = useState(false);
  const [result, setResult] = useState<MigrationReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const documents = useLoad(
    () =>
      Promise.all(
        [fromVersion, toVersion].map((version) =>
          api.get<VersionDetail>(`/api/workflows/${workflowId}/versions/${version}`).then((detail) => detail.document),
        ),
      ),
    `migration-docs-${workflowId}-${fromVersion}-${toVersion}`,
  );
  const check = useLoad(
    () => dryRun(api, workflowId, fromVersion, toVersion, nodeMap),
    `migration-check-${JSON.stringify(nodeMap)}`,
  );
  const report = check.data ?? initial;

  const names = useMemo(
    () => migrationNames(documents.data?.[0], documents.data?.[1], nodeTypes),
    [documents.data, nodeTypes],
  );

  const rows = reviewRows(report);
  const movable = report.moves.length;
  const move = async () => {
    setMoving(true);
    setError(null);
    try {
      setResult(
        await api.request<MigrationReport>('POST', `/api/workflows/${workflowId}/migrations`, {
          fromVersion,
          toVersion,
          nodeMap,
        }),
      );
    } catch (failure) {
      setError(`Nothing was confirmed as moved: ${errorMessage(failure)}`);
    } finally {
      setMoving(false);
    }
  };

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      // Escape does not walk away from a move under way: its answer says who moved.
      onCancel={(event) => moving && event.preventDefault()}
      aria-labelledby={`${id}-title`}
      className="migration-dialog"
    >
      <h2 id={`${id}-title`}>
        Move leads from version {fromVersion} to version {toVersion}
      </h2>
      <p className="muted">
        Leads finish on the version they started on unless you move them. Each lead moves at its wait to the wait you
        choose in version {toVersion}; its wait keeps counting from when it began.
      </p>
      {documents.error && (
        <p className="banner error">
          Could not load the versions' nodes: {documents.error}. Ids are shown instead of names.
        </p>
      )}
      {!result && (
        <MigrationTable
          rows={rows}
          names={names}
          fromVersion={fromVersion}
          toVersion={toVersion}
          nodeMap={nodeMap}
          checking={check.loading}
          disabled={moving}
          onChoose={(from, to) => setNodeMap((current) => ({ ...current, [from]: to }))}
        />
      )}
      {check.loading && !result && (
        <p className="muted" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> Checking where they would go…
        </p>
      )}
      {check.error && <p className="banner error">Could not check the move: {check.error}</p>}
      {moving && (
        <div role="status" className="migration-progress">
          <progress aria-label="Moving leads" />
          <span>Moving {leadCount(movable)}… each moves at its own wait.</span>
        </div>
      )}
      {result && (
        <MigrationResult
          result={result}
          label={names.oldNode}
          words={(reason) => reasonInWords(reason, names.either)}
        />
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()} disabled={moving}>
          {result ? 'Close' : 'Cancel'}
        </button>
        {!result && movable === 0 && !check.loading && (
          <span className="muted">Choose where the leads go to move them.</span>
        )}
        {!result && (
          <button type="button" className="primary" disabled={moving || check.loading || movable === 0} onClick={move}>
            {moving && <span className="spinner" aria-hidden="true" />}
            Move {leadCount(movable)}
          </button>
        )}
      </div>
    </dialog>
  );
}

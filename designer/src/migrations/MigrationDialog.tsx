import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../api/api-client';
import type { VersionDetail } from '../api/types';
import { findNodeType, useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import { documentNames } from '../graph/node-names';
import { isMappable, leadCount, reasonInWords, reviewRows } from './migration-review';
import type { MigrationReport } from './migration-types';
import { MigrationResult } from './MigrationResult';
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
    () => Promise.all([fromVersion, toVersion].map((version) => api.get<VersionDetail>(`/api/workflows/${workflowId}/versions/${version}`).then((detail) => detail.document))),
    `migration-docs-${workflowId}-${fromVersion}-${toVersion}`,
  );
  const check = useLoad(() => dryRun(api, workflowId, fromVersion, toVersion, nodeMap), `migration-check-${JSON.stringify(nodeMap)}`);
  const report = check.data ?? initial;

  const names = useMemo(() => {
    const [oldDoc, newDoc] = documents.data ?? [];
    const oldNames = oldDoc ? documentNames(oldDoc, nodeTypes) : null;
    const newNames = newDoc ? documentNames(newDoc, nodeTypes) : null;
    const has = (doc: typeof oldDoc, nodeId: string) => doc?.nodes.some((node) => node.id === nodeId) ?? false;
    const waits = (newDoc?.nodes ?? []).filter((node) => findNodeType(nodeTypes, node.type, node.typeVersion)?.waits);
    return {
      old: (nodeId: string) => (nodeId === '(running)' ? 'between nodes' : (oldNames?.node(nodeId) ?? nodeId)),
      new: (nodeId: string) => newNames?.node(nodeId) ?? nodeId,
      either: (nodeId: string) => (has(newDoc, nodeId) ? (newNames?.node(nodeId) ?? null) : has(oldDoc, nodeId) ? (oldNames?.node(nodeId) ?? null) : null),
      waits: waits.map((node) => ({ id: node.id, label: newNames?.node(node.id) ?? node.id })),
    };
  }, [documents.data, nodeTypes]);

  const rows = reviewRows(report);
  const movable = report.moves.length;
  const move = async () => {
    setMoving(true);
    setError(null);
    try {
      setResult(await api.request<MigrationReport>('POST', `/api/workflows/${workflowId}/migrations`, { fromVersion, toVersion, nodeMap }));
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
        Leads finish on the version they started on unless you move them. Each lead moves at its wait to the wait you choose in version{' '}
        {toVersion}; its wait keeps counting from when it began.
      </p>
      {documents.error && <p className="banner error">Could not load the versions' nodes: {documents.error}. Ids are shown instead of names.</p>}
      <table className="data" aria-label="Leads by node" aria-busy={check.loading}>
        <thead>
          <tr>
            <th>Waiting at (v{fromVersion})</th>
            <th>Leads</th>
            <th>Goes to (v{toVersion})</th>
            <th>Cannot move</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const choosable = !result && row.from !== '(running)' && (row.moving > 0 || row.blocked.some((part) => isMappable(part.reason)));
            const total = row.moving + row.blocked.reduce((sum, part) => sum + part.leads, 0);
            return (
              <tr key={row.from}>
                <td>{names.old(row.from)}</td>
                <td>{total}</td>
                <td>
                  {choosable ? (
                    <select
                      aria-label={`Where the leads at ${names.old(row.from)} go`}
                      value={nodeMap[row.from] ?? row.to ?? ''}
                      disabled={moving}
                      onChange={(event) => setNodeMap((current) => ({ ...current, [row.from]: event.target.value }))}
                    >
                      {!(nodeMap[row.from] ?? row.to) && (
                        <option value="" disabled>
                          Choose a wait…
                        </option>
                      )}
                      {names.waits.map((wait) => (
                        <option key={wait.id} value={wait.id}>
                          {wait.label}
                        </option>
                      ))}
                    </select>
                  ) : row.to ? (
                    names.new(row.to)
                  ) : (
                    <span className="muted">—</span>
                  )}
                  {row.moving > 0 && <div className="muted">{leadCount(row.moving)} would move</div>}
                </td>
                <td>
                  {row.blocked.map((part) => (
                    <div key={part.reason} className="blocked-reason">
                      <strong>{leadCount(part.leads)}</strong>: {reasonInWords(part.reason, names.either)}
                    </div>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {check.loading && (
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
      {result && <MigrationResult result={result} label={names.old} words={(reason) => reasonInWords(reason, names.either)} />}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()} disabled={moving}>
          {result ? 'Close' : 'Cancel'}
        </button>
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

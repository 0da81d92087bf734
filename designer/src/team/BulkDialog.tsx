import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, errorMessage, teamModelApi } from '../api/api-client';
import type { BulkResult } from '@leadflow/server/contract';
import { type Column, DataTable } from '../app/DataTable';
import { useLeadflow } from '../app/leadflow-context';
import type { JsonSchema } from '../schema-form';
import { parseBulkText, problemsByRow } from './bulk-rows';
import type { EntityConfig } from './entities';

type Outcome =
  | { kind: 'checked' | 'written'; result: BulkResult }
  | { kind: 'problems'; rows: Map<number, { field: string; message: string }[]>; message: string }
  | null;

/** One problem the server found, with the index of its row (-1: one not tied to a row). */
interface RowProblem {
  index: number;
  field: string;
  message: string;
}

const problemColumns: Column<RowProblem>[] = [
  { header: 'Row', cell: (problem) => (problem.index >= 0 ? problem.index + 1 : '—') },
  { header: 'Field', cell: (problem) => problem.field },
  { header: 'Problem', cell: (problem) => problem.message },
];

/**
 * Bulk upsert from a pasted or uploaded CSV or JSON file: "Check" asks the server for a dry run and
 * lists each row's problems; nothing is written until a clean batch is uploaded.
 */
export function BulkDialog({
  config,
  schema,
  onDone,
  onClose,
}: {
  config: EntityConfig;
  schema: JsonSchema;
  onDone(): void;
  onClose(): void;
}) {
  const { api } = useLeadflow();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<'check' | 'write' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  useEffect(() => ref.current?.showModal(), []);
  const example = `${Object.keys(schema.properties ?? {})
    .slice(0, 4)
    .join(',')}`;

  const load = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setText(await file.text());
    setOutcome(null);
  };

  const send = async (dryRun: boolean) => {
    setBusy(dryRun ? 'check' : 'write');
    setOutcome(null);
    try {
      const items = parseBulkText(text, config.list, schema);
      const result = await teamModelApi.bulk(api, config.path, config.list, items, dryRun);
      setOutcome({ kind: dryRun ? 'checked' : 'written', result });
      if (!dryRun) onDone();
    } catch (failure) {
      const problems = failure instanceof ApiError ? failure.problems : [];
      setOutcome({
        kind: 'problems',
        rows: problemsByRow(problems, config.list),
        message: problems.length
          ? `${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written.`
          : errorMessage(failure),
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`} className="team-bulk">
      <h2 id={`${id}-title`}>Bulk upsert {config.title.toLowerCase()}</h2>
      <p className="muted">
        Paste or upload CSV (first row: field names, e.g. <code>{example}</code>; lists as <code>a; b</code>; nested
        fields as <code>rules.countries</code>) or a JSON array. Rows are matched by <code>{config.bulkKey}</code>:
        existing ones are updated, new ones created. All or nothing.
      </p>
      <label htmlFor={`${id}-file`}>File</label>
      <input id={`${id}-file`} type="file" accept=".csv,.json,text/csv,application/json" onChange={load} />
      <label htmlFor={`${id}-text`}>Rows</label>
      <textarea
        id={`${id}-text`}
        rows={8}
        value={text}
        onChange={(event) => (setText(event.target.value), setOutcome(null))}
        spellCheck={false}
      />
      {outcome?.kind === 'problems' && (
        <div className="banner error" role="alert">
          <p>{outcome.message}</p>
          <DataTable
            label="Problems by row"
            columns={problemColumns}
            rows={[...outcome.rows].flatMap(([index, problems]) => problems.map((problem) => ({ index, ...problem })))}
            rowKey={(problem) => `${problem.index}-${problem.field}-${problem.message}`}
          />
        </div>
      )}
      {(outcome?.kind === 'checked' || outcome?.kind === 'written') && (
        <p className="banner info" role="status">
          {outcome.kind === 'checked' ? 'No problems. Uploading would create' : 'Done: created'}{' '}
          {outcome.result.created}, {outcome.kind === 'checked' ? 'update' : 'updated'} {outcome.result.updated}
          {outcome.kind === 'written' ? `, ${outcome.result.unchanged} unchanged` : ''}.
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          Close
        </button>
        <button type="button" onClick={() => send(true)} disabled={!text.trim() || busy !== null}>
          {busy === 'check' && <span className="spinner" aria-hidden="true" />} Check
        </button>
        <button type="button" className="primary" onClick={() => send(false)} disabled={!text.trim() || busy !== null}>
          {busy === 'write' && <span className="spinner" aria-hidden="true" />} Upload
        </button>
      </div>
    </dialog>
  );
}

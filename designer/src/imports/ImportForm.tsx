import { useId, useState } from 'react';
import { errorMessage, problemsByPath } from '../api/api-client';
import type { CsvImport, WorkflowSummary } from '@leadflow/server/contract';
import { FieldProblem, problemAria } from '../app/FieldProblem';
import { useLeadflow } from '../app/leadflow-context';
import { type CsvPreview, DELIMITERS, type Delimiter, guessDelimiter, PREVIEW_BYTES, previewCsv } from './csv-preview';
import type { ImportTarget } from './import-targets';
import { MappingTable } from './MappingTable';

const PREVIEW_ROWS = 5;
const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

interface Picked {
  file: File;
  start: string;
  delimiter: Delimiter;
  preview: CsvPreview;
  mapping: Record<string, string | null>;
  /** What a column can fill, from the server. */
  targets: readonly ImportTarget[];
}

interface MappingSuggestion {
  fields: ImportTarget[];
  mapping: Record<string, string | null>;
}

const columnErrors = (byPath: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(byPath).flatMap(([path, message]) =>
      path.startsWith('mapping.') ? [[path.slice('mapping.'.length), message]] : [],
    ),
  );

/** Pick a CSV, see its first rows, map its columns, choose the workflow and source, upload it. */
export function ImportForm({
  workflows,
  onStarted,
}: {
  workflows: readonly WorkflowSummary[];
  onStarted(started: CsvImport): void;
}) {
  const { api } = useLeadflow();
  const id = useId();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [workflow, setWorkflow] = useState('');
  const [source, setSource] = useState('');
  const [sent, setSent] = useState<{ bytes: number; total: number } | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});

  // The server suggests the mapping by header spelling, so the page proposes what an import without one would do.
  const preview = async (file: File, start: string, delimiter: Delimiter): Promise<Picked> => {
    const parsed = previewCsv(start, delimiter, PREVIEW_ROWS, file.size <= PREVIEW_BYTES);
    const header = parsed.header.length > 0 ? parsed.header : [''];
    const suggestion = await api.request<MappingSuggestion>('POST', '/api/imports/mapping', { header });
    return { file, start, delimiter, preview: parsed, mapping: suggestion.mapping, targets: suggestion.fields };
  };

  const changeDelimiter = async (delimiter: Delimiter) => {
    if (!picked) return;
    try {
      setPicked(await preview(picked.file, picked.start, delimiter));
    } catch (failure) {
      setProblems({ file: errorMessage(failure) });
    }
  };

  const pick = async (file: File | undefined) => {
    setProblems({});
    if (!file) return setPicked(null);
    let start: string;
    try {
      start = await file.slice(0, PREVIEW_BYTES).text();
    } catch (failure) {
      setPicked(null);
      return setProblems({ file: `cannot be read: ${errorMessage(failure)}` });
    }
    try {
      setPicked(await preview(file, start, guessDelimiter(start)));
    } catch (failure) {
      setPicked(null);
      setProblems({ file: errorMessage(failure) });
    }
  };

  const upload = async () => {
    if (!picked) return;
    setProblems({});
    setSent({ bytes: 0, total: picked.file.size });
    const query = new URLSearchParams({
      fileName: picked.file.name,
      delimiter: picked.delimiter,
      mapping: JSON.stringify(picked.mapping),
    });
    if (workflow) query.set('workflow', workflow);
    if (source.trim()) query.set('source', source.trim());
    try {
      const started = await api.upload<CsvImport>(
        `/api/imports?${query.toString()}`,
        picked.file,
        'text/csv',
        (bytes, total) => setSent({ bytes, total }),
      );
      onStarted(started);
    } catch (failure) {
      setProblems(problemsByPath(failure));
    } finally {
      setSent(null);
    }
  };

  const noEmail = picked !== null && !Object.values(picked.mapping).includes('email');

  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>New import</h2>
      <div className="import-options">
        <div className="option">
          <label htmlFor={`${id}-file`}>CSV file</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => void pick(event.target.files?.[0])}
            {...problemAria(id, 'file', problems)}
          />
        </div>
        <div className="option">
          <label htmlFor={`${id}-delimiter`}>Separator</label>
          <select
            id={`${id}-delimiter`}
            value={picked?.delimiter ?? ','}
            disabled={!picked}
            onChange={(event) => void changeDelimiter(event.target.value as Delimiter)}
          >
            {DELIMITERS.map((delimiter) => (
              <option key={delimiter} value={delimiter}>
                {DELIMITER_NAMES[delimiter]}
              </option>
            ))}
          </select>
        </div>
        <div className="option">
          <label htmlFor={`${id}-workflow`}>Workflow</label>
          <select
            id={`${id}-workflow`}
            value={workflow}
            onChange={(event) => setWorkflow(event.target.value)}
            {...problemAria(id, 'workflow', problems)}
          >
            <option value="">the default workflow</option>
            {workflows
              .filter((candidate) => !candidate.archived)
              .map((candidate) => (
                <option key={candidate.id} value={candidate.slug}>
                  {candidate.name}
                  {candidate.isDefault ? ' (default)' : ''}
                </option>
              ))}
          </select>
        </div>
        <div className="option">
          <label htmlFor={`${id}-source`}>Source for rows without one</label>
          <input
            id={`${id}-source`}
            value={source}
            maxLength={100}
            placeholder="e.g. trade_show_2026"
            onChange={(event) => setSource(event.target.value)}
            {...problemAria(id, 'source', problems)}
          />
        </div>
      </div>
      <FieldProblem formId={id} path="file" problems={problems} />
      <FieldProblem formId={id} path="workflow" problems={problems} />
      <FieldProblem formId={id} path="source" problems={problems} />
      {picked && (
        <>
          <p className="muted">
            {picked.file.name}: {(picked.file.size / 1024).toFixed(1)} KiB. The first {picked.preview.rows.length} rows;
            pick the lead field each column fills.
          </p>
          <MappingTable
            header={picked.preview.header}
            rows={picked.preview.rows}
            mapping={picked.mapping}
            targets={picked.targets}
            errors={columnErrors(problems)}
            onChange={(column, target) => setPicked({ ...picked, mapping: { ...picked.mapping, [column]: target } })}
          />
          {noEmail && <p className="banner warn">No column fills email yet: every lead needs one.</p>}
        </>
      )}
      <FieldProblem formId={id} path="mapping" problems={problems} />
      {problems[''] && (
        <p className="banner error" role="alert">
          {problems['']}
        </p>
      )}
      {sent && (
        <label className="progress-label">
          Uploading
          <progress max={sent.total || 1} value={sent.bytes} />
          <span className="muted">{Math.round((100 * sent.bytes) / (sent.total || 1))}%</span>
        </label>
      )}
      <button type="button" className="primary" disabled={!picked || noEmail || sent !== null} onClick={upload}>
        {sent && <span className="spinner" aria-hidden="true" />} Import
      </button>
    </section>
  );
}

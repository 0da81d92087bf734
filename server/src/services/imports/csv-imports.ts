import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';
import { Errors } from '../../errors.js';
import type { WorkflowStore } from '../workflow-store.js';
import { type ColumnMapping, parseMappingOption, resolveMapping } from './column-mapping.js';
import { readCsvRecords } from './csv-records.js';
import { saveUpload } from './csv-upload.js';
import { type CaptureConfig, ImportRowReader } from './import-row.js';
import { ImportRunner } from './import-runner.js';
import { ImportStore, type ImportView, importView } from './import-store.js';

/** The options of one import, as the request gives them. */
export interface ImportRequest {
  /** Workflow id or slug; the default workflow when absent. */
  workflow?: string;
  /** JSON object of CSV column → lead field; the automatic mapping when absent. */
  mapping?: string;
  /** Source for rows whose source column is blank or unmapped. */
  source?: string;
  delimiter?: string;
  fileName?: string;
}

export interface CsvImportOptions {
  /** Where uploads wait while they are imported. @default <tmp>/leadflow-imports */
  dir?: string;
  /** Largest file taken. @default 200 MiB */
  maxBytes?: number;
  /** Imports one server runs at once; more are refused before their upload. @default 2 */
  maxRunning?: number;
  /** Rows per transaction. @default 500 */
  batchSize?: number;
}

/**
 * CSV import: takes the file as a stream to local disk (hashing it), checks its header against
 * the mapping, then imports it in the background with the capture rules of the target workflow.
 * Leads are written with `workflow_started_at` unset, so the pending-start sweep starts their
 * workflows at its own bounded pace instead of a 100,000-lead burst on Temporal.
 */
export class CsvImports {
  readonly store: ImportStore;
  private readonly runner: ImportRunner;
  private readonly dir: string;
  private readonly maxBytes: number;
  private readonly maxRunning: number;

  constructor(
    db: Kysely<Database>,
    private readonly workflows: WorkflowStore,
    options: CsvImportOptions = {},
  ) {
    this.store = new ImportStore(db);
    this.runner = new ImportRunner(db, options.batchSize);
    this.dir = options.dir ?? path.join(tmpdir(), 'leadflow-imports');
    this.maxBytes = options.maxBytes ?? 200 * 2 ** 20;
    this.maxRunning = options.maxRunning ?? 2;
  }

  /** Imports running in this server now. */
  get running(): number {
    return this.runner.running;
  }

  /** Starts an import of `body`; resolves once the file is stored and its header checked. */
  async accept(body: Readable, request: ImportRequest, createdBy: string): Promise<ImportView> {
    if (this.runner.running >= this.maxRunning) throw Errors.importsBusy(this.runner.running);
    let given: ColumnMapping | undefined;
    if (request.mapping !== undefined) {
      const parsed = parseMappingOption(request.mapping);
      if (!parsed.ok) throw Errors.invalidField(parsed.errors);
      given = parsed.mapping;
    }
    const target = await this.captureTarget(request.workflow);
    const delimiter = request.delimiter ?? ',';
    const upload = await saveUpload(body, this.dir, this.maxBytes);
    try {
      const header = await readHeader(upload.path, delimiter);
      const resolved = resolveMapping(header, given);
      if (!resolved.ok) throw Errors.invalidImport(resolved.errors);
      const options = { delimiter, ...(request.source && { source: request.source }) };
      const row = await this.runner.start(
        {
          id: randomUUID(),
          file_name: request.fileName ?? 'upload.csv',
          file_sha256: upload.sha256,
          file_bytes: upload.bytes,
          mapping: JSON.stringify(resolved.mapping),
          options: JSON.stringify(options),
          workflow_id: target.id,
          workflow_version: target.version,
          rows_total: Math.max(0, upload.lines - 1),
          created_by: createdBy,
        },
        {
          path: upload.path,
          delimiter,
          rows: new ImportRowReader(header, resolved.mapping, target.config, { source: request.source }),
        },
      );
      return importView(row);
    } catch (error) {
      await rm(upload.path, { force: true });
      throw error;
    }
  }

  /** Stops running imports, marking them interrupted (server shutdown). */
  stop(): Promise<void> {
    return this.runner.stop();
  }

  /** The workflow rows go to, pinned to its latest version, and its capture node's rules. */
  private async captureTarget(
    workflowRef: string | undefined,
  ): Promise<{ id: string; version: number; config: CaptureConfig }> {
    const workflow = workflowRef ? await this.workflows.find(workflowRef) : await this.workflows.findDefault();
    if (workflow.archived_at) throw Errors.archived(workflow.slug);
    const { version, plan } = await this.workflows.latestPlan(workflow);
    const config = plan.nodes[plan.entry]?.config as CaptureConfig;
    if (!(config.channels as readonly string[]).includes('csv')) {
      const message = `workflow '${workflow.slug}' does not take leads from csv imports (its capture node accepts: ${config.channels.join(', ')}); add csv to its channels and publish`;
      throw Errors.invalidImport([{ path: 'workflow', message }]);
    }
    return { id: workflow.id, version, config };
  }
}

/** The file's header row; a file without one, or with an unreadable one, is refused. */
async function readHeader(file: string, delimiter: string): Promise<string[]> {
  for await (const record of readCsvRecords(file, { delimiter })) {
    if (record.problem !== undefined)
      throw Errors.invalidImport([
        { path: 'file', message: `the header (line ${record.line}) cannot be read: ${record.problem}` },
      ]);
    return record.fields.map((column) => column.trim());
  }
  throw Errors.invalidImport([
    { path: 'file', message: 'is empty: it needs a header row naming its columns, then one row per lead' },
  ]);
}

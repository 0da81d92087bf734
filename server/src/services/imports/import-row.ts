import { fieldErrors, schemaValidator } from '@leadflow/engine/compiler';
import { intakeLead, type IntakeResult, type RawLead } from '@leadflow/nodes';
import { CaptureBody } from '../../contract/leads.js';
import { unstorableText } from '../storable-text.js';
import type { ColumnMapping } from './column-mapping.js';

/** A problem with one row, named by lead field and by the CSV column it was read from. */
export interface RowProblem {
  field: string | null;
  column: string | null;
  message: string;
}

export type RowResult = Extract<IntakeResult, { ok: true }> | { ok: false; problems: RowProblem[] };

/** The config of the capture node a workflow starts with (v1 or v2). */
export type CaptureConfig = Parameters<typeof intakeLead>[1];

type UtmKey = keyof NonNullable<RawLead['utm']>;
type PlainKey = Exclude<keyof RawLead, 'utm' | 'custom'>;

/** A submission's fields as the capture API reads them; the row options fill what the file leaves blank. */
export interface RowDefaults {
  source?: string;
}

/**
 * Turns CSV rows into capture submissions and checks them with the very rules the capture API
 * applies: the request schema (types, lengths), then the workflow's capture node (required
 * fields, email, phone, channel) through `intakeLead`.
 */
export class ImportRowReader {
  private readonly plan: Array<{ index: number; target: string }> = [];
  private readonly columnOf = new Map<string, string>();

  constructor(
    header: readonly string[],
    mapping: ColumnMapping,
    private readonly config: CaptureConfig,
    private readonly defaults: RowDefaults = {},
  ) {
    header.forEach((column, index) => {
      const target = mapping[column];
      if (!target || this.columnOf.has(target)) return;
      this.plan.push({ index, target });
      this.columnOf.set(target, column);
    });
  }

  /** The submission a row stands for: trimmed values, blanks left out, channel csv. */
  toRawLead(fields: readonly string[]): RawLead {
    const raw: RawLead = { channel: 'csv' };
    for (const { index, target } of this.plan) {
      const value = fields[index]?.trim();
      if (!value) continue;
      const dot = target.indexOf('.');
      if (dot < 0) raw[target as PlainKey] = value;
      else if (target.startsWith('utm.')) raw.utm = { ...raw.utm, [target.slice(dot + 1) as UtmKey]: value };
      else raw.custom = { ...raw.custom, [target.slice(dot + 1)]: value };
    }
    if (!raw.source && this.defaults.source) raw.source = this.defaults.source;
    return raw;
  }

  /** The normalized lead of a row, or every problem with it (not only the first). */
  check(fields: readonly string[], now: Date): RowResult {
    const raw = this.toRawLead(fields);
    const validate = schemaValidator(CaptureBody);
    const schemaProblems = [...unstorableText(raw), ...(validate(raw) ? [] : fieldErrors(validate.errors))];
    const intake = intakeLead(raw, this.config, now);
    if (intake.ok && schemaProblems.length === 0) return intake;
    const seen = new Set(schemaProblems.map((problem) => problem.path));
    const problems = [...schemaProblems, ...(intake.ok ? [] : intake.errors.filter((error) => !seen.has(error.path)))];
    return {
      ok: false,
      problems: problems.map(({ path, message }) => ({ field: path, column: this.columnFor(path), message })),
    };
  }

  /** The CSV column a lead field was read from; a name is read from `name` or `firstName`. */
  columnFor(field: string): string | null {
    if (field === 'name') return this.columnOf.get('name') ?? this.columnOf.get('firstName') ?? null;
    return this.columnOf.get(field) ?? null;
  }
}

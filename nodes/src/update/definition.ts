import {
  type ConfigIssue,
  checkExpression,
  defineControlNode,
  evaluateExpression,
  type LeadPatch,
  type ValueType,
} from '@leadflow/engine';
import { type Static, Type } from 'typebox';
import { resolveTarget, type UpdateTarget } from './writable-fields.js';

export const updateConfigSchema = Type.Object(
  {
    set: Type.Array(
      Type.Object(
        {
          field: Type.String({
            minLength: 1,
            maxLength: 80,
            title: 'Field',
            description: 'A lead field (status, tier, score, title, …) or custom.<name>',
            'x-picker': 'lead-field',
          }),
          value: Type.String({
            minLength: 1,
            maxLength: 1000,
            title: 'Value',
            description:
              'An expression over the lead: "nurture" (text goes in quotes), 2, score + 10, tier == 1 ? "hot" : "warm"',
            'x-editor': 'expression',
          }),
        },
        { additionalProperties: false },
      ),
      {
        minItems: 1,
        maxItems: 50,
        title: 'Set',
        description: 'Applied in order; a later value sees the fields set before it.',
      },
    ),
  },
  { additionalProperties: false },
);

type UpdateConfig = Static<typeof updateConfigSchema>;

const KIND_OF_VALUE: Readonly<Record<ValueType, string>> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
  array: 'a list',
  any: 'any value',
};

/** Why a value of `type` cannot go into `target`, or null if it can (or only run time can tell). */
function typeMismatch(target: UpdateTarget, type: ValueType): string | null {
  if (target.kind === 'custom' || type === 'any') return null;
  if (type === 'null') return target.nullable ? null : `${target.name} cannot be null`;
  if (type === target.type) return null;
  return `gives ${KIND_OF_VALUE[type]}, but ${target.name} holds ${KIND_OF_VALUE[target.type as ValueType]}`;
}

function validateUpdate(config: UpdateConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const setBy = new Map<string, number>();
  config.set.forEach(({ field, value }, i) => {
    const target = resolveTarget(field);
    if ('error' in target) issues.push({ path: `set[${i}].field`, message: target.error });
    else if (setBy.has(field))
      issues.push({ path: `set[${i}].field`, message: `${field} is already set by set[${setBy.get(field)}]` });
    else setBy.set(field, i);

    const check = checkExpression(value);
    // A bare word is most often text someone forgot to quote; say so rather than list every field.
    if (check.errors.length > 0 && /^[A-Za-z_]\w*$/.test(value)) {
      issues.push({
        path: `set[${i}].value`,
        message: `unknown field '${value}'; for text write it in quotes: "${value}"`,
      });
    } else {
      for (const message of check.errors) issues.push({ path: `set[${i}].value`, message });
    }
    if (check.errors.length === 0 && !('error' in target)) {
      const mismatch = typeMismatch(target, check.type);
      if (mismatch) issues.push({ path: `set[${i}].value`, message: mismatch });
    }
  });
  return issues;
}

/** Whether a computed value may be stored; expressions typed "any" (custom.*, mixed ?:) are checked here. */
function fits(target: UpdateTarget, value: unknown): boolean {
  if (target.kind === 'custom') return value !== undefined;
  if (value === null) return target.nullable;
  if (target.type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeof value === target.type;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  return (
    typeof a === 'object' &&
    typeof b === 'object' &&
    a !== null &&
    b !== null &&
    JSON.stringify(a) === JSON.stringify(b)
  );
}

/** A value as the step trail shows it: JSON, cut short. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

/** Sets lead fields from expressions. Runs in the sandbox: the patch is persisted with the step. */
export const update = defineControlNode({
  type: 'update',
  version: 1,
  title: 'Update lead',
  category: 'data',
  icon: '✏️',
  description:
    'Sets lead fields (status, tier, score, title, custom fields, …) to values computed from the lead, e.g. status to "nurture" or score to score + 10.',
  configSchema: updateConfigSchema,
  defaultConfig: { set: [{ field: 'status', value: '"working"' }] },
  ports: [{ name: 'out', label: 'Updated' }],
  validate: validateUpdate,
  summary: (config) => config.set.map(({ field, value }) => `${field} = ${value}`).join(' · '),
  run: (config, ctx) => {
    // A working copy, so each value sees the fields set before it, as the config promises.
    const custom: Record<string, unknown> = { ...ctx.lead.custom };
    const lead: Record<string, unknown> = { ...(ctx.lead as unknown as Record<string, unknown>), custom };
    const fields: Record<string, unknown> = {};
    const customPatch: Record<string, unknown> = {};
    const changes: Change[] = [];
    const unchanged: Array<{ field: string; value: unknown }> = [];
    const skipped: Array<{ field: string; value: unknown; why: string }> = [];

    for (const { field, value: expression } of config.set) {
      const target = resolveTarget(field);
      if ('error' in target) {
        skipped.push({ field, value: null, why: target.error });
        continue;
      }
      const value = evaluateExpression(expression, lead);
      if (!fits(target, value)) {
        // Only "any"-typed expressions get here; skipping beats failing the lead's whole run.
        const why =
          target.kind === 'field'
            ? `${show(value)} is not ${value === null ? 'allowed' : KIND_OF_VALUE[target.type as ValueType]}`
            : 'no value';
        skipped.push({ field, value, why });
        continue;
      }
      const store = target.kind === 'custom' ? custom : lead;
      const from = store[target.name] ?? null;
      if (sameValue(from, value)) {
        unchanged.push({ field, value });
        continue;
      }
      store[target.name] = value;
      if (target.kind === 'custom') customPatch[target.name] = value;
      else fields[target.name] = value;
      changes.push({ field, from, to: value });
    }

    const patch = { ...fields, ...(Object.keys(customPatch).length ? { custom: customPatch } : {}) } as LeadPatch;
    const said = [
      ...(changes.length ? [`set ${changes.map((c) => `${c.field} ${show(c.from)} → ${show(c.to)}`).join(', ')}`] : []),
      ...unchanged.map((u) => `${u.field} already ${show(u.value)}`),
      ...skipped.map((s) => `skipped ${s.field}: ${s.why}`),
    ];
    return {
      port: 'out',
      output: { changes, unchanged, skipped },
      ...(changes.length ? { patch } : {}),
      reason: changes.length ? said.join('; ') : `nothing changed: ${said.join('; ')}`,
    };
  },
});

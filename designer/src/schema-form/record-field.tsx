import { useRef, useState } from 'react';
import { Field } from './field';
import type { ResolvedField } from './field-props';
import { childPath } from './field-path';
import { ClearButton, GroupShell, useFieldIds } from './field-shell';
import { useForm } from './form-context';
import { itemNoun, recordValueSchema } from './json-schema';
import { isRecord } from './object-field';
import { sameJson } from './same-json';
import { defaultFor } from './schema-defaults';
import { usePendingFocus } from './use-pending-focus';

interface Row {
  id: number;
  key: string;
  value: unknown;
}

/** Why a row's name cannot be used yet, or null. */
function keyProblem(rows: readonly Row[], index: number): string | null {
  const key = rows[index]?.key ?? '';
  if (key === '') return 'give it a name';
  return rows.findIndex((row) => row.key === key) < index ? `'${key}' is already used above` : null;
}

/** The object the rows stand for: named rows only, the first of a repeated name. */
function objectOf(rows: readonly Row[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  rows.forEach((row, index) => {
    if (!keyProblem(rows, index)) object[row.key] = row.value;
  });
  return object;
}

/**
 * A map with free keys (`patternProperties`/`additionalProperties`, e.g. HTTP headers): rows of
 * name and value. A row being named, or named twice, stays in the editor and out of the config.
 */
export function RecordField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { readOnly } = useForm();
  const focusLater = usePendingFocus();
  const valueSchema = recordValueSchema(field.schema) ?? {};
  const nextId = useRef(0);
  const rowsOf = (value: unknown): Row[] =>
    Object.entries(isRecord(value) ? value : {}).map(([key, entry]) => ({ id: nextId.current++, key, value: entry }));
  const [rows, setRows] = useState<Row[]>(() => rowsOf(field.value));
  const [sent, setSent] = useState<unknown>(field.value);
  if (!sameJson(sent, field.value)) {
    // Changed elsewhere (undo, another node): start over from it.
    setSent(field.value);
    setRows(rowsOf(field.value));
  }
  const noun = itemNoun(field.schema) === 'Item' ? 'entry' : itemNoun(field.schema).toLowerCase();
  const rowId = (id: number) => `${ids.id}--row-${id}`;

  const update = (next: Row[]) => {
    const object = objectOf(next);
    setRows(next);
    setSent(object);
    field.set(object);
  };
  const remove = (index: number) => {
    update(rows.filter((_, i) => i !== index));
    const neighbour = rows[index + 1] ?? rows[index - 1];
    focusLater(neighbour ? `${rowId(neighbour.id)}-key` : `${ids.id}--add`);
  };

  return (
    <GroupShell
      ids={ids}
      label={field.label}
      description={field.description}
      actions={field.clearable && !field.absent && <ClearButton label={field.label} onClear={field.clear} />}
    >
      {rows.length === 0 && <p className="sf-empty">{field.absent ? 'Not set' : 'None yet'}</p>}
      <ul className="sf-record">
        {rows.map((row, index) => {
          const problem = keyProblem(rows, index);
          const keyId = `${rowId(row.id)}-key`;
          const entryName = row.key || `${noun} ${index + 1}`;
          return (
            <li className="sf-record-row" key={row.id}>
              <div className={problem ? 'sf-field sf-invalid' : 'sf-field'}>
                <label className="sf-label" htmlFor={keyId}>
                  Name{' '}
                  <span className="sf-visually-hidden">
                    of {noun} {index + 1}
                  </span>
                </label>
                <input
                  className="sf-input"
                  id={keyId}
                  value={row.key}
                  onChange={(event) =>
                    update(rows.map((other) => (other.id === row.id ? { ...other, key: event.target.value } : other)))
                  }
                  readOnly={readOnly}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${keyId}-problem` : undefined}
                />
                {problem && (
                  <p className="sf-errors" id={`${keyId}-problem`}>
                    {problem}
                  </p>
                )}
              </div>
              <Field
                schema={valueSchema}
                value={row.value}
                onChange={(value) => update(rows.map((other) => (other.id === row.id ? { ...other, value } : other)))}
                path={problem ? `${field.path}#${row.id}` : childPath(field.path, row.key)}
                name=""
                label={`Value of ${entryName}`}
                required
              />
              {!readOnly && (
                <button
                  type="button"
                  className="sf-link-button sf-danger"
                  aria-label={`Remove ${entryName}`}
                  onClick={() => remove(index)}
                >
                  Remove
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {!readOnly && (
        <button
          type="button"
          className="sf-button"
          id={`${ids.id}--add`}
          onClick={() => update([...rows, { id: nextId.current++, key: '', value: defaultFor(valueSchema) }])}
        >
          Add {noun}
        </button>
      )}
    </GroupShell>
  );
}

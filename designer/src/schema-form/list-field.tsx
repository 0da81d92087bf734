import { type KeyboardEvent, useState } from 'react';
import type { ResolvedField } from './field-props';
import { useFieldIds } from './field-shell';
import { type Pickers, useForm } from './form-context';
import { type EnumOption, enumOptions, type JsonSchema, typeOf, unwrapNullable } from './json-schema';
import { ListShell } from './list-shell';
import { parseNumber } from './number-field';
import { pickerChoices } from './picker-field';
import { usePendingFocus } from './use-pending-focus';
import { sameJson } from './same-json';

/** The choices for a new item, when it is picked rather than typed: an enum, a boolean, or a non-empty picker list (event types). */
function itemOptions(schema: JsonSchema, pickers: Pickers | undefined): EnumOption[] | null {
  const fixed =
    enumOptions(schema) ??
    (typeOf(schema) === 'boolean'
      ? [
          { value: true, label: 'true' },
          { value: false, label: 'false' },
        ]
      : null);
  if (fixed) return fixed;
  const picked = pickerChoices(schema, pickers);
  return picked && picked.length > 0 ? picked.map((choice) => ({ value: choice.id, label: choice.label })) : null;
}

/** What the "new item" control holds, read as an item; or why it cannot be one. */
function readItem(
  schema: JsonSchema,
  options: EnumOption[] | null,
  draft: string,
): { value: unknown } | { problem: string } | null {
  if (options) return draft === '' ? null : { value: options[Number(draft)]?.value };
  const text = draft.trim();
  if (text === '') return null;
  if (typeOf(schema) !== 'number' && typeOf(schema) !== 'integer') return { value: text };
  const number = parseNumber(text);
  return number === undefined ? { problem: `'${text}' is not a number` } : { value: number };
}

/** A list of plain values (skills, event names) as removable chips, with a box to add one more. */
export function ListField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { readOnly, pickers } = useForm();
  const focusLater = usePendingFocus();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const items = Array.isArray(field.value) ? field.value : [];
  const itemSchema = unwrapNullable(field.schema.items as JsonSchema).schema;
  const options = itemOptions(itemSchema, pickers);
  const newId = `${ids.id}--new`;
  const problemId = `${ids.id}--new-problem`;
  const chipId = (i: number) => `${ids.id}--item-${i}`;

  const add = () => {
    const item = readItem(itemSchema, options, draft);
    if (!item) return;
    if ('problem' in item) return setProblem(item.problem);
    if (field.schema.uniqueItems && items.some((existing) => sameJson(existing, item.value)))
      return setProblem(`${String(item.value)} is already in the list`);
    field.set([...items, item.value]);
    setDraft('');
    setProblem(null);
  };
  const remove = (index: number) => {
    field.set(items.filter((_, i) => i !== index));
    focusLater(chipId(index + 1 < items.length ? index : index - 1), newId);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // inside a <form>, Enter would submit it
    add();
  };
  const control = {
    id: newId,
    className: 'sf-input',
    value: draft,
    onKeyDown,
    onBlur: field.touch,
    'aria-describedby': problem ? problemId : undefined,
    'aria-invalid': problem ? true : undefined,
  };

  return (
    <ListShell
      field={field}
      ids={ids}
      className="sf-list"
      count={items.length}
      none="None"
      items={
        <ul className="sf-chips">
          {items.map((item, i) => (
            <li className="sf-chip" key={`${i}:${String(item)}`}>
              <span>{String(item)}</span>
              {!readOnly && (
                <button
                  type="button"
                  className="sf-chip-remove"
                  id={chipId(i)}
                  aria-label={`Remove ${String(item)}`}
                  onClick={() => remove(i)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      }
    >
      {!readOnly && (
        <div className="sf-add-row">
          <label className="sf-visually-hidden" htmlFor={newId}>
            New item for {field.label}
          </label>
          {options ? (
            <select {...control} onChange={(event) => setDraft(event.target.value)}>
              <option value="">Choose…</option>
              {options.map((option, i) => (
                <option key={option.label} value={String(i)}>
                  {option.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              {...control}
              type={typeOf(itemSchema) === 'string' ? 'text' : 'number'}
              onChange={(event) => setDraft(event.target.value)}
            />
          )}
          <button type="button" className="sf-button" aria-label={`Add to ${field.label}`} onClick={add}>
            Add
          </button>
        </div>
      )}
      {problem && (
        <p className="sf-errors" id={problemId} role="alert">
          {problem}
        </p>
      )}
    </ListShell>
  );
}

import { useEffect, useRef } from 'react';
import { countErrorsWithin } from './errors-by-path';
import { Field } from './field';
import { type FieldPath, isWithin } from './field-path';
import { FieldNotes, useFieldIds } from './field-shell';
import { useForm } from './form-context';
import { alternativesOf, chooseVariant, fieldKind, type JsonSchema, unwrapNullable } from './json-schema';
import { summarise } from './schema-defaults';

interface ArrayItemProps {
  schema: JsonSchema;
  value: unknown;
  onChange(next: unknown): void;
  path: FieldPath;
  index: number;
  count: number;
  /** "Case", "Item": the word before the item's number. */
  noun: string;
  open: boolean;
  onToggle(open: boolean): void;
  onRemove(): void;
  onMove(to: number): void;
  /** Just added: focus its first control. */
  autoFocus: boolean;
}

/** The shape to summarise an item by: the variant it is, for a union. */
function shapeOf(schema: JsonSchema, value: unknown): JsonSchema {
  const inner = unwrapNullable(schema).schema;
  if (fieldKind(inner) !== 'variant') return inner;
  const variants = alternativesOf(inner);
  return variants[chooseVariant(variants, value)] ?? inner;
}

/** One item of an array of objects: a header (toggle with summary, move, remove) over its fields. */
export function ArrayItem({
  schema,
  value,
  onChange,
  path,
  index,
  count,
  noun,
  open,
  onToggle,
  onRemove,
  onMove,
  autoFocus,
}: ArrayItemProps) {
  const { readOnly, errors, focusPath } = useForm();
  const ids = useFieldIds(path, undefined);
  const body = useRef<HTMLDivElement>(null);
  const problems = countErrorsWithin(errors, path);
  const name = `${noun} ${index + 1}`;
  const summary = summarise(shapeOf(schema, value), value);
  const bodyId = `${ids.id}--body`;

  useEffect(() => {
    if (focusPath !== undefined && isWithin(focusPath, path) && !open) onToggle(true);
    // Only when asked to reveal a field: the user's own collapsing must stick (with `open` as a
    // dependency, collapsing an item that holds the focused field would open it again at once).
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs on focusPath only, see above
  }, [focusPath]);
  useEffect(() => {
    if (autoFocus) body.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }, [autoFocus]);

  return (
    <li className={problems ? 'sf-item sf-invalid' : 'sf-item'}>
      <div className="sf-item-head">
        <button
          type="button"
          className="sf-item-toggle"
          id={`${ids.id}--toggle`}
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => onToggle(!open)}
        >
          <span className="sf-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <span className="sf-item-name">{name}</span>
          {summary && <span className="sf-item-summary">{summary}</span>}
          {problems > 0 && <span className="sf-badge">{problems === 1 ? '1 problem' : `${problems} problems`}</span>}
        </button>
        {!readOnly && (
          <span className="sf-item-actions">
            <button
              type="button"
              className="sf-icon-button"
              id={`${ids.id}--up`}
              aria-label={`Move ${name} up`}
              disabled={index === 0}
              onClick={() => onMove(index - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="sf-icon-button"
              id={`${ids.id}--down`}
              aria-label={`Move ${name} down`}
              disabled={index === count - 1}
              onClick={() => onMove(index + 1)}
            >
              ↓
            </button>
            <button type="button" className="sf-link-button sf-danger" aria-label={`Remove ${name}`} onClick={onRemove}>
              Remove
            </button>
          </span>
        )}
      </div>
      <div
        className="sf-item-body"
        id={bodyId}
        ref={body}
        role="group"
        aria-labelledby={`${ids.id}--toggle`}
        hidden={!open}
      >
        <FieldNotes ids={ids} />
        <Field schema={schema} value={value} onChange={onChange} path={path} name="" label={name} required bare />
      </div>
    </li>
  );
}

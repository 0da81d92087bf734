import { useRef, useState } from 'react';
import { ArrayItem } from './array-item';
import { countErrorsWithin } from './errors-by-path';
import type { ResolvedField } from './field-props';
import { childPath, fieldId } from './field-path';
import { useFieldIds } from './field-shell';
import { useForm } from './form-context';
import { itemNoun, type JsonSchema } from './json-schema';
import { ListShell } from './list-shell';
import { defaultFor } from './schema-defaults';
import { moveItem, useItemKeys } from './use-item-keys';
import { usePendingFocus } from './use-pending-focus';

/** Up to this many items start open; longer lists start collapsed to their summaries. */
const OPEN_UP_TO = 3;

/** An array of objects: repeatable groups that can be added, removed, reordered and collapsed. */
export function ArrayField({ field }: { field: ResolvedField }) {
  const ids = useFieldIds(field.path, field.description);
  const { idPrefix, readOnly, markFresh, reshape, errors } = useForm();
  const items = Array.isArray(field.value) ? field.value : [];
  const itemSchema = field.schema.items as JsonSchema;
  const keys = useItemKeys(items.length);
  const [toggled, setToggled] = useState<Readonly<Record<string, boolean>>>({});
  const added = useRef<string | null>(null);
  const focusLater = usePendingFocus();
  const noun = itemNoun(field.schema);
  const full = items.length >= (field.schema.maxItems ?? Number.POSITIVE_INFINITY);
  const itemId = (index: number) => fieldId(idPrefix, childPath(field.path, index));
  const addId = `${ids.id}--add`;

  const add = () => {
    const key = keys.append();
    added.current = key;
    setToggled((current) => ({ ...current, [key]: true }));
    markFresh(childPath(field.path, items.length));
    field.set([...items, defaultFor(itemSchema)]);
  };
  const remove = (index: number) => {
    keys.remove(index);
    reshape(field.path);
    field.set(items.filter((_, i) => i !== index));
    // The next item slides into this place; else the previous one; else the Add button.
    focusLater(`${itemId(index)}--toggle`, `${itemId(index - 1)}--toggle`, addId);
  };
  const move = (from: number, to: number) => {
    keys.move(from, to);
    reshape(field.path);
    field.set(moveItem(items, from, to));
    const [same, other] = to < from ? ['up', 'down'] : ['down', 'up'];
    focusLater(`${itemId(to)}--${same}`, `${itemId(to)}--${other}`, `${itemId(to)}--toggle`);
  };
  // Unless the user chose: short lists open, and any item with a problem inside, so it can be seen.
  const isOpen = (key: string, index: number) =>
    toggled[key] ?? (items.length <= OPEN_UP_TO || countErrorsWithin(errors, childPath(field.path, index)) > 0);

  return (
    <ListShell
      field={field}
      ids={ids}
      className="sf-array"
      count={items.length}
      none="None yet"
      items={
        <ol className="sf-items">
          {items.map((item, index) => {
            const key = keys.keys[index] as string;
            return (
              <ArrayItem
                key={key}
                schema={itemSchema}
                value={item}
                onChange={(next) => field.set(items.map((existing, i) => (i === index ? next : existing)))}
                path={childPath(field.path, index)}
                index={index}
                count={items.length}
                noun={noun}
                open={isOpen(key, index)}
                onToggle={(open) => setToggled((current) => ({ ...current, [key]: open }))}
                onRemove={() => remove(index)}
                onMove={(to) => move(index, to)}
                autoFocus={added.current === key}
              />
            );
          })}
        </ol>
      }
    >
      {!readOnly && (
        <button
          type="button"
          className="sf-button"
          id={addId}
          aria-label={`Add ${noun.toLowerCase()} to ${field.label}`}
          onClick={add}
          disabled={full}
        >
          Add {noun.toLowerCase()}
        </button>
      )}
      {!readOnly && full && <p className="sf-help">At most {field.schema.maxItems}.</p>}
    </ListShell>
  );
}

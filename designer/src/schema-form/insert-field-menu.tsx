import { type FocusEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { LeadFieldOption } from './insert-text';
import { navigate, typeahead } from './menu-keys';

interface InsertFieldMenuProps {
  /** Id of the field's control; the menu's ids derive from it. */
  id: string;
  /** The field's label, for the button's accessible name. */
  fieldLabel: string;
  fields: readonly LeadFieldOption[];
  onPick(field: LeadFieldOption): void;
}

/** Typed characters within this long of each other search together ("ow" → ownerId). */
const TYPEAHEAD_MS = 700;

/**
 * A menu button listing the lead's fields (WAI-ARIA menu button pattern): Enter, Space or the
 * arrows open it, arrows/Home/End move, typing jumps to a field, Enter picks, Escape closes
 * and returns focus to the button.
 */
export function InsertFieldMenu({ id, fieldLabel, fields, onPick }: InsertFieldMenuProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const typed = useRef({ text: '', at: 0 });
  const buttonId = `${id}--insert`;
  const menuId = `${id}--insert-menu`;
  const labels = fields.map((field) => field.name);

  useEffect(() => {
    if (open) menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [open, active]);

  const openAt = (index: number) => {
    setActive(index);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const pick = (field: LeadFieldOption | undefined) => {
    if (!field) return;
    setOpen(false);
    onPick(field);
  };

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(event.key === 'ArrowDown' ? 0 : fields.length - 1);
    }
  };
  const onMenuKeyDown = (event: KeyboardEvent) => {
    const next = navigate(event.key, active, fields.length);
    if (next !== null) {
      event.preventDefault();
      setActive(next);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick(fields[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation(); // the side panel may close on Escape too; this one is ours
      close();
    } else if (event.key === 'Tab') {
      setOpen(false);
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const now = Date.now();
      const fresh = now - typed.current.at > TYPEAHEAD_MS;
      typed.current = { text: fresh ? event.key : typed.current.text + event.key, at: now };
      const found = typeahead(labels, fresh ? active + 1 : active, typed.current.text);
      if (found !== null) setActive(found);
    }
  };
  const onMenuBlur = (event: FocusEvent) => {
    const to = event.relatedTarget as Node | null;
    if (!to || (!menu.current?.contains(to) && to !== button.current)) setOpen(false);
  };

  return (
    <div className="sf-insert">
      <button
        ref={button}
        type="button"
        className="sf-button sf-insert-button"
        id={buttonId}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Insert field into ${fieldLabel}`}
        onClick={() => (open ? close() : openAt(0))}
        onKeyDown={onButtonKeyDown}
      >
        Insert field
      </button>
      {open && (
        <ul
          className="sf-menu"
          role="menu"
          id={menuId}
          ref={menu}
          aria-labelledby={buttonId}
          onKeyDown={onMenuKeyDown}
          onBlur={onMenuBlur}
        >
          {fields.map((field, i) => (
            <li
              key={field.name}
              role="menuitem"
              tabIndex={-1}
              className={i === active ? 'sf-menu-item sf-active' : 'sf-menu-item'}
              onClick={() => pick(field)}
              onMouseMove={() => i !== active && setActive(i)}
            >
              <span className="sf-menu-name">{field.type === 'object' ? `${field.name}.…` : field.name}</span>
              <span className="sf-menu-type">{field.description ?? field.type}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

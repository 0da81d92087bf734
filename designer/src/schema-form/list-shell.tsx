import type { ReactNode } from 'react';
import type { ResolvedField } from './field-props';
import { ClearButton, type FieldIds, GroupShell } from './field-shell';

interface ListShellProps {
  field: ResolvedField;
  ids: FieldIds;
  className: string;
  count: number;
  /** The items, shown when there is at least one. */
  items: ReactNode;
  /** Said when the list is set but holds nothing. */
  none: string;
  /** The controls below the items: adding one. */
  children: ReactNode;
}

/** The fieldset of a list field (groups or chips): its items or a note that there are none, then how to add one. */
export function ListShell({ field, ids, className, count, items, none, children }: ListShellProps) {
  return (
    <GroupShell
      ids={ids}
      label={field.label}
      required={field.markRequired}
      description={field.description}
      className={className}
      // An unset list has nothing to clear.
      actions={field.clearable && !field.absent && <ClearButton label={field.label} onClear={field.clear} />}
    >
      {count > 0 ? items : <p className="sf-empty">{field.absent ? 'Not set' : none}</p>}
      {children}
    </GroupShell>
  );
}

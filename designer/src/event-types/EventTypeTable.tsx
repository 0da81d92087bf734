import type { ReactNode } from 'react';
import { EmptyRow } from '../app/EmptyRow';
import { describeDataSchema } from './data-schema-text';
import type { EventType } from './event-type-types';

interface Props {
  label: string;
  types: readonly EventType[];
  empty: string;
  /** The buttons of a row (custom types, for those who may change them). */
  actions?: (type: EventType) => ReactNode;
}

/** Event types with what each means, the data it carries and who posts it. */
export function EventTypeTable({ label, types, empty, actions }: Props) {
  const columns = actions ? 5 : 4;
  return (
    <table className="data event-type-table" aria-label={label}>
      <thead>
        <tr>
          <th>Event</th>
          <th>Description</th>
          <th>Data</th>
          <th>Posted by</th>
          {actions && (
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {types.map((type) => (
          <tr key={type.name}>
            <td>
              {type.label}
              <div className="muted">
                <code>{type.name}</code>
              </div>
            </td>
            <td>
              {type.description || <span className="muted">—</span>}
              {type.createdBy && <div className="muted">declared by {type.createdBy}</div>}
            </td>
            <td>{describeDataSchema(type.dataSchema)}</td>
            <td>{type.postable ? 'your systems and reps' : <span className="muted">Leadflow only</span>}</td>
            {actions && <td className="actions">{actions(type)}</td>}
          </tr>
        ))}
        {types.length === 0 && <EmptyRow colSpan={columns}>{empty}</EmptyRow>}
      </tbody>
    </table>
  );
}

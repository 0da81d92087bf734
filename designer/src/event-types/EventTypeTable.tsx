import type { ReactNode } from 'react';
import { type Column, DataTable } from '../app/DataTable';
import { describeDataSchema } from './data-schema-text';
import type { EventType } from './event-type-types';

interface Props {
  label: string;
  types: readonly EventType[];
  empty: string;
  /** The buttons of a row (custom types, for those who may change them). */
  actions?: (type: EventType) => ReactNode;
}

const columns: Column<EventType>[] = [
  {
    header: 'Event',
    cell: (type) => (
      <>
        {type.label}
        <div className="muted">
          <code>{type.name}</code>
        </div>
      </>
    ),
  },
  {
    header: 'Description',
    cell: (type) => (
      <>
        {type.description || <span className="muted">—</span>}
        {type.createdBy && <div className="muted">declared by {type.createdBy}</div>}
      </>
    ),
  },
  { header: 'Data', cell: (type) => describeDataSchema(type.dataSchema) },
  {
    header: 'Posted by',
    cell: (type) => (type.postable ? 'your systems and reps' : <span className="muted">Leadflow only</span>),
  },
];

/** Event types with what each means, the data it carries and who posts it. */
export function EventTypeTable({ label, types, empty, actions }: Props) {
  return (
    <DataTable
      label={label}
      className="event-type-table"
      columns={
        actions ? [...columns, { header: 'Actions', hideHeader: true, className: 'actions', cell: actions }] : columns
      }
      rows={types}
      rowKey={(type) => type.name}
      empty={empty}
    />
  );
}

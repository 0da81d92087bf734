import { useMemo, useState } from 'react';
import { teamModelApi } from '../api/api-client';
import type { TeamRow } from '../api/api-client';
import { type Column, DataTable } from '../app/DataTable';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import type { JsonSchema, Pickers } from '../schema-form';
import { BulkDialog } from './BulkDialog';
import { DeleteDialog } from './DeleteDialog';
import { EditPanel } from './EditPanel';
import { type EntityConfig, type Lookups, searchText } from './entities';

export interface EntityTabProps {
  config: EntityConfig;
  schema: JsonSchema;
  pickers: Pickers;
  lookups: Lookups;
  readOnly: boolean;
  /** Something changed that other tabs show (names in pickers and columns). */
  onChanged(): void;
}

type Open = { kind: 'edit'; row: TeamRow | null } | { kind: 'delete'; row: TeamRow } | { kind: 'bulk' } | null;

/** One tab of the Team page: a searchable table, a side panel to create or edit, delete and bulk upsert. */
export function EntityTab({ config, schema, pickers, lookups, readOnly, onChanged }: EntityTabProps) {
  const { api } = useLeadflow();
  const [showArchived, setShowArchived] = useState(false);
  const path = config.entity === 'rep' && showArchived ? `${config.path}?includeArchived=true` : config.path;
  const rows = useLoad(() => teamModelApi.list(api, path, config.list), path);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<Open>(null);
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return (rows.data ?? []).filter((row) => words.every((word) => searchText(config, row, lookups).includes(word)));
  }, [rows.data, query, config, lookups]);
  const changed = () => {
    rows.reload();
    onChanged();
  };
  const columns: Column<TeamRow>[] = [
    ...config.columns.map((column): Column<TeamRow> => ({
      header: column.header,
      cell: (row) => column.cell(row, lookups),
    })),
    {
      header: 'Actions',
      hideHeader: true,
      className: 'team-actions',
      cell: (row) => (
        <>
          <button
            type="button"
            onClick={() => setOpen({ kind: 'edit', row })}
            aria-label={`${readOnly ? 'View' : 'Edit'} ${config.noun} ${config.label(row)}`}
          >
            {readOnly ? 'View' : 'Edit'}
          </button>
          {!readOnly && (
            <button
              type="button"
              className="danger"
              onClick={() => setOpen({ kind: 'delete', row })}
              aria-label={`Delete ${config.noun} ${config.label(row)}`}
            >
              Delete
            </button>
          )}
        </>
      ),
    },
  ];

  return (
    <div className="team-tab">
      <div className="team-main">
        <div className="page-header">
          <label className="team-search">
            <span className="visually-hidden">Search {config.title.toLowerCase()}</span>
            <input
              type="search"
              placeholder={`Search ${config.title.toLowerCase()}…`}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </label>
          {config.entity === 'rep' && (
            <label>
              <input
                type="checkbox"
                checked={showArchived}
                onChange={(event) => setShowArchived(event.target.checked)}
              />{' '}
              Show archived
            </label>
          )}
          <span className="team-spacer" />
          {!readOnly && (
            <>
              <button type="button" onClick={() => setOpen({ kind: 'bulk' })}>
                Bulk upsert…
              </button>
              <button type="button" className="primary" onClick={() => setOpen({ kind: 'edit', row: null })}>
                New {config.noun}
              </button>
            </>
          )}
        </div>
        <DataTable
          label={config.title}
          columns={columns}
          rows={shown}
          rowKey={(row) => row.id}
          rowAttributes={(row) => ({ 'aria-selected': open?.kind === 'edit' && open.row?.id === row.id })}
          loading={rows.loading && !rows.data}
          loadingStatus={`Loading ${config.title.toLowerCase()}…`}
          empty={query ? `No ${config.title.toLowerCase()} match “${query}”.` : `No ${config.title.toLowerCase()} yet.`}
          error={rows.error && `Could not load ${config.title.toLowerCase()}: ${rows.error}`}
        />
      </div>
      {open?.kind === 'edit' && (
        <EditPanel
          key={open.row?.id ?? 'new'}
          config={config}
          schema={schema}
          row={open.row}
          pickers={pickers}
          readOnly={readOnly}
          onSaved={() => {
            setOpen(null);
            changed();
          }}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'delete' && (
        <DeleteDialog config={config} row={open.row} onDone={changed} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'bulk' && (
        <BulkDialog config={config} schema={schema} onDone={changed} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}

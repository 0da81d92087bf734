import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';

/** One column: its heading and what each row shows in it. */
export interface Column<Row> {
  header: string;
  /** The heading is read to screen readers only: a column of buttons needs a name, not a visible title. */
  hideHeader?: boolean;
  cell(row: Row): ReactNode;
  className?: string;
  style?: CSSProperties;
  /** The cell's tooltip: e.g. the raw value its words stand for. */
  title?(row: Row): string;
}

/** What a row may carry besides its cells: the selected row's state, a test id. */
export type RowAttributes = Pick<HTMLAttributes<HTMLTableRowElement>, 'aria-current' | 'aria-selected'> & {
  'data-testid'?: string;
};

export interface DataTableProps<Row> {
  /** The table's accessible name: tests and screen readers find the table by it. */
  label: string;
  /** Classes besides `data`. */
  className?: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey(row: Row, index: number): string;
  rowAttributes?(row: Row): RowAttributes;
  /** The one row shown when there are no rows and none are loading; left out, the body is simply empty. */
  empty?: ReactNode;
  /** The rows are not known yet: the empty row would be a false "nothing here". */
  loading?: boolean;
  /** Said in the table's one row while loading with no rows. */
  loadingRow?: ReactNode;
  /** Said in a status line in place of the whole table while loading with no rows. */
  loadingStatus?: ReactNode;
  /** `aria-busy` on the table, for a page whose reloads screen readers should hear about. */
  busy?: boolean;
  /**
   * Why the rows could not be loaded, in a banner just above the table. Pages whose banner stands
   * above other notices (a saved message, a secret shown once) keep their own, to keep that order.
   */
  error?: string | null;
}

/** The one row of a table with nothing to list, spanning all its columns. */
function NoticeRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="muted">
        {children}
      </td>
    </tr>
  );
}

/** A list page's table (`table.data`): headings, one row per item, and its empty, loading and error states. */
export function DataTable<Row>({
  label,
  className,
  columns,
  rows,
  rowKey,
  rowAttributes,
  empty,
  loading = false,
  loadingRow,
  loadingStatus,
  busy,
  error,
}: DataTableProps<Row>) {
  const waiting = loading && rows.length === 0;
  return (
    <>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {waiting && loadingStatus !== undefined ? (
        <p className="page-status" aria-busy="true">
          {loadingStatus}
        </p>
      ) : (
        <table className={className ? `data ${className}` : 'data'} aria-label={label} aria-busy={busy}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.header}>
                  {column.hideHeader ? <span className="visually-hidden">{column.header}</span> : column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={rowKey(row, index)} {...rowAttributes?.(row)}>
                {columns.map((column) => (
                  <td key={column.header} className={column.className} style={column.style} title={column.title?.(row)}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
            {waiting && loadingRow !== undefined && <NoticeRow colSpan={columns.length}>{loadingRow}</NoticeRow>}
            {rows.length === 0 && !loading && empty !== undefined && (
              <NoticeRow colSpan={columns.length}>{empty}</NoticeRow>
            )}
          </tbody>
        </table>
      )}
    </>
  );
}

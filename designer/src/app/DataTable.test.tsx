import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type Column, DataTable, type DataTableProps } from './DataTable';

interface Fruit {
  id: string;
  name: string;
  kind: string;
}

const columns: Column<Fruit>[] = [
  { header: 'Name', cell: (fruit) => <strong>{fruit.name}</strong> },
  { header: 'Kind', cell: (fruit) => fruit.kind, title: (fruit) => `kind ${fruit.kind}` },
  {
    header: 'Actions',
    hideHeader: true,
    className: 'actions',
    style: { whiteSpace: 'nowrap' },
    cell: (fruit) => <button type="button">Eat {fruit.name}</button>,
  },
];

const fruits: Fruit[] = [
  { id: 'a', name: 'Apple', kind: 'pome' },
  { id: 'c', name: 'Cherry', kind: 'drupe' },
];

function render(props: Partial<DataTableProps<Fruit>>): string {
  return renderToStaticMarkup(
    <DataTable label="Fruit" columns={columns} rows={fruits} rowKey={(fruit) => fruit.id} {...props} />,
  );
}

describe('DataTable', () => {
  it('writes the markup the list pages wrote by hand: headings, one row per item, the cells as rendered', () => {
    expect(render({})).toBe(
      '<table class="data" aria-label="Fruit"><thead><tr><th>Name</th><th>Kind</th><th><span class="visually-hidden">Actions</span></th></tr></thead><tbody>' +
        '<tr><td><strong>Apple</strong></td><td title="kind pome">pome</td><td class="actions" style="white-space:nowrap"><button type="button">Eat Apple</button></td></tr>' +
        '<tr><td><strong>Cherry</strong></td><td title="kind drupe">drupe</td><td class="actions" style="white-space:nowrap"><button type="button">Eat Cherry</button></td></tr>' +
        '</tbody></table>',
    );
  });

  it('adds its own classes after data, aria-busy when asked, and the attributes each row asks for', () => {
    const html = render({
      className: 'event-type-table',
      busy: false,
      rowAttributes: (fruit) => ({ 'aria-current': fruit.id === 'c' || undefined, 'data-testid': 'fruit-row' }),
    });
    expect(html).toContain('<table class="data event-type-table" aria-label="Fruit" aria-busy="false">');
    expect(html).toContain('<tr data-testid="fruit-row"><td><strong>Apple');
    expect(html).toContain('<tr aria-current="true" data-testid="fruit-row"><td><strong>Cherry');
  });

  it('says it is empty in one row spanning every column, only once loading is over', () => {
    expect(render({ rows: [], empty: 'No fruit yet.' })).toContain(
      '<tbody><tr><td colSpan="3" class="muted">No fruit yet.</td></tr></tbody>',
    );
    expect(render({ rows: [], empty: 'No fruit yet.', loading: true })).toContain('<tbody></tbody>');
    // Without an empty text the body stays empty (the tokens table).
    expect(render({ rows: [] })).toContain('<tbody></tbody>');
  });

  it('says it is loading in that row, or in a status line in place of the table, until rows come', () => {
    expect(render({ rows: [], loading: true, loadingRow: 'Loading the fruit…', empty: 'No fruit yet.' })).toContain(
      '<tbody><tr><td colSpan="3" class="muted">Loading the fruit…</td></tr></tbody>',
    );
    expect(render({ rows: [], loading: true, loadingStatus: 'Loading fruit…' })).toBe(
      '<p class="page-status" aria-busy="true">Loading fruit…</p>',
    );
    // Rows already on screen stay while they load again.
    expect(render({ loading: true, loadingStatus: 'Loading fruit…' })).toContain('<td><strong>Apple</strong></td>');
  });

  it('puts a load error in an alert banner just above the table', () => {
    expect(render({ error: 'Could not load the fruit: timeout' })).toMatch(
      /^<p class="banner error" role="alert">Could not load the fruit: timeout<\/p><table class="data"/,
    );
    expect(render({ error: null })).toMatch(/^<table/);
  });
});

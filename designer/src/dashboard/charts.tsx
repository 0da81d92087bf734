import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useChartTheme } from './chart-theme';

/** One bar series: the data key it draws, its legend name and colour. */
export interface Series {
  key: string;
  name: string;
  color: string;
}

export interface ColumnChartProps {
  data: readonly object[];
  /** The key of each row's label on the x axis. */
  category: string;
  series: readonly Series[];
  /** A key whose text is printed above the first series' bars (e.g. a conversion rate). */
  label?: string;
}

/** Vertical bars per category, one per series; a legend when there are several. Fills its ChartFigure. */
export function ColumnChart({ data, category, series, label }: ColumnChartProps) {
  const { colors, animate } = useChartTheme();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={[...data]} margin={{ top: label ? 20 : 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid stroke={colors.border} vertical={false} />
        <XAxis dataKey={category} tick={{ fontSize: 12, fill: colors.text }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: colors.muted }} />
        <Tooltip />
        {series.length > 1 && <Legend />}
        {series.map((s, index) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} isAnimationActive={animate}>
            {label && index === 0 && (
              <LabelList dataKey={label} position="top" style={{ fontSize: 12, fill: colors.muted }} />
            )}
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export interface BarListProps {
  data: readonly object[];
  /** The key of each row's label, on the left. */
  category: string;
  series: Series;
  /** Fixed value axis, e.g. [0, 100] for percentages. */
  domain?: [number, number];
  unit?: string;
}

/** Horizontal bars, one row per category: for ranked lists like reps or reasons. */
export function BarList({ data, category, series, domain, unit }: BarListProps) {
  const { colors, animate } = useChartTheme();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={[...data]} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid stroke={colors.border} horizontal={false} />
        <XAxis
          type="number"
          domain={domain}
          unit={unit}
          allowDecimals={false}
          tick={{ fontSize: 12, fill: colors.muted }}
        />
        <YAxis type="category" dataKey={category} width={110} tick={{ fontSize: 12, fill: colors.text }} />
        <Tooltip formatter={(value) => [`${String(value)}${unit ?? ''}`, series.name]} />
        <Bar dataKey={series.key} name={series.name} fill={series.color} isAnimationActive={animate} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Height for a BarList of `rows` rows. */
export const barListHeight = (rows: number): number => Math.max(120, rows * 28 + 40);

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

export interface DataTableProps<T> {
  caption: string;
  /** Caption only for screen readers (the card title already says it). */
  hideCaption?: boolean;
  /** The first column heads each row. */
  columns: ReadonlyArray<Column<T>>;
  rows: readonly T[];
  rowKey: (row: T) => string;
}

/** A plain table with a caption, column headers and a row header. */
export function DataTable<T>({ caption, hideCaption, columns, rows, rowKey }: DataTableProps<T>) {
  const [first, ...rest] = columns;
  return (
    <table className="dash-table">
      <caption className={hideCaption ? 'dash-visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {first && <th scope="row">{first.cell(row)}</th>}
            {rest.map((column) => (
              <td key={column.header}>{column.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, ChartFigure, Empty } from './Card';
import { useChartTheme } from './chart-theme';
import type { SourceAttribution } from './metric-types';

type Touch = 'firstTouch' | 'lastTouch';

/** Leads, SQLs and wins per source, credited to the first or the last touch. */
export function SourcesCard({ data }: { data: SourceAttribution }) {
  const { colors, animate } = useChartTheme();
  const [touch, setTouch] = useState<Touch>('firstTouch');
  const name = useId();
  const rows = data[touch].slice(0, 10);
  const switcher = (
    <fieldset className="dash-toggle">
      <legend className="dash-visually-hidden">Credit to</legend>
      {(
        [
          ['firstTouch', 'First touch'],
          ['lastTouch', 'Last touch'],
        ] as const
      ).map(([value, label]) => (
        <label key={value}>
          <input type="radio" name={name} value={value} checked={touch === value} onChange={() => setTouch(value)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
  return (
    <Card title="Sources" note={`${data.n} leads · top ${Math.min(10, data[touch].length)} sources by leads`} actions={switcher}>
      {rows.length === 0 ? (
        <Empty>No leads in this range.</Empty>
      ) : (
        <ChartFigure caption={`Leads, SQLs and wins per source, ${touch === 'firstTouch' ? 'first' : 'last'} touch`}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid stroke={colors.border} vertical={false} />
              <XAxis dataKey="source" tick={{ fontSize: 12, fill: colors.text }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: colors.muted }} />
              <Tooltip />
              <Legend />
              <Bar dataKey="leads" name="Leads" fill={colors.muted} isAnimationActive={animate} />
              <Bar dataKey="sql" name="Reached SQL" fill={colors.accent} isAnimationActive={animate} />
              <Bar dataKey="won" name="Won" fill={colors.success} isAnimationActive={animate} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      )}
    </Card>
  );
}

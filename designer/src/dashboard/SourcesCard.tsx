import { useId, useState } from 'react';
import { Card, ChartFigure, Empty } from './Card';
import { useChartTheme } from './chart-theme';
import { ColumnChart } from './charts';
import type { SourceAttribution } from './metric-types';

type Touch = 'firstTouch' | 'lastTouch';

/** Leads, SQLs and wins per source, credited to the first or the last touch. */
export function SourcesCard({ data }: { data: SourceAttribution }) {
  const { colors } = useChartTheme();
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
    <Card
      title="Sources"
      note={`${data.n} leads · top ${Math.min(10, data[touch].length)} sources by leads`}
      actions={switcher}
    >
      {rows.length === 0 ? (
        <Empty>No leads in this range.</Empty>
      ) : (
        <ChartFigure caption={`Leads, SQLs and wins per source, ${touch === 'firstTouch' ? 'first' : 'last'} touch`}>
          <ColumnChart
            data={rows}
            category="source"
            series={[
              { key: 'leads', name: 'Leads', color: colors.muted },
              { key: 'sql', name: 'Reached SQL', color: colors.accent },
              { key: 'won', name: 'Won', color: colors.success },
            ]}
          />
        </ChartFigure>
      )}
    </Card>
  );
}

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, ChartFigure, Empty } from './Card';
import { useChartTheme } from './chart-theme';
import type { WeeklyCohorts } from './metric-types';

/** Each week's captured leads, and how many of them have reached SQL and been won so far. */
export function CohortsCard({ data }: { data: WeeklyCohorts }) {
  const { colors, animate } = useChartTheme();
  return (
    <Card title="Weekly cohorts" note="Leads by week of capture (weeks from Monday, UTC), followed to now" wide>
      {data.n === 0 ? (
        <Empty>No leads in this range.</Empty>
      ) : (
        <ChartFigure
          caption={`Leads captured per week over ${data.weeks.length} weeks, with those that reached SQL, were won or disqualified`}
          height={240}
        >
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data.weeks} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid stroke={colors.border} vertical={false} />
              <XAxis dataKey="week" tick={{ fontSize: 12, fill: colors.muted }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: colors.muted }} />
              <Tooltip />
              <Legend />
              <Bar dataKey="leads" name="Captured" fill={colors.muted} fillOpacity={0.3} isAnimationActive={animate} />
              <Line
                dataKey="sql"
                name="Reached SQL"
                stroke={colors.accent}
                strokeWidth={2}
                dot={false}
                isAnimationActive={animate}
              />
              <Line
                dataKey="won"
                name="Won"
                stroke={colors.success}
                strokeWidth={2}
                dot={false}
                isAnimationActive={animate}
              />
              <Line
                dataKey="disqualified"
                name="Disqualified"
                stroke={colors.danger}
                strokeWidth={2}
                strokeDasharray="4 3"
                dot={false}
                isAnimationActive={animate}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </ChartFigure>
      )}
    </Card>
  );
}

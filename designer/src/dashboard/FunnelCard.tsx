import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, ChartFigure, Stats } from './Card';
import { useChartTheme } from './chart-theme';
import { formatPct, stageLabel } from './format';
import type { StageConversion } from './metric-types';

/** new → MQL → SQL → meeting → won: leads that reached each stage, and the step-to-step rate. */
export function FunnelCard({ data }: { data: StageConversion }) {
  const { colors, animate } = useChartTheme();
  const rows = data.funnel.map((step) => ({ stage: stageLabel(step.stage), reached: step.reached, rate: step.fromPreviousPct === null ? '' : formatPct(step.fromPreviousPct) }));
  return (
    <Card title="Stage conversion" note={`${data.n} leads captured, followed to now`}>
      <Stats
        items={[
          ...data.funnel.slice(1).map((step, index): [string, string] => [`${stageLabel(data.funnel[index]?.stage ?? '')} → ${stageLabel(step.stage)}`, formatPct(step.fromPreviousPct)]),
          ['Disqualified', `${data.disqualified.n} (${formatPct(data.disqualified.pct)})`],
        ]}
      />
      <ChartFigure caption="Leads that reached each stage; labels show the share of the stage before">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 20, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid stroke={colors.border} vertical={false} />
            <XAxis dataKey="stage" tick={{ fontSize: 12, fill: colors.text }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: colors.muted }} />
            <Tooltip />
            <Bar dataKey="reached" name="Leads" fill={colors.accent} isAnimationActive={animate}>
              <LabelList dataKey="rate" position="top" style={{ fontSize: 12, fill: colors.muted }} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
    </Card>
  );
}

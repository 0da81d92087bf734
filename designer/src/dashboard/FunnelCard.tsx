import { Card, ChartFigure, Stats } from './Card';
import { useChartTheme } from './chart-theme';
import { ColumnChart } from './charts';
import { formatPct, stageLabel } from './format';
import type { StageConversion } from './metric-types';

/** new → MQL → SQL → meeting → won: leads that reached each stage, and the step-to-step rate. */
export function FunnelCard({ data }: { data: StageConversion }) {
  const { colors } = useChartTheme();
  const rows = data.funnel.map((step) => ({
    stage: stageLabel(step.stage),
    reached: step.reached,
    rate: step.fromPreviousPct === null ? '' : formatPct(step.fromPreviousPct),
  }));
  return (
    <Card title="Stage conversion" note={`${data.n} leads captured, followed to now`}>
      <Stats
        items={[
          ...data.funnel
            .slice(1)
            .map((step, index): [string, string] => [
              `${stageLabel(data.funnel[index]?.stage ?? '')} → ${stageLabel(step.stage)}`,
              formatPct(step.fromPreviousPct),
            ]),
          ['Disqualified', `${data.disqualified.n} (${formatPct(data.disqualified.pct)})`],
        ]}
      />
      <ChartFigure caption="Leads that reached each stage; labels show the share of the stage before">
        <ColumnChart
          data={rows}
          category="stage"
          series={[{ key: 'reached', name: 'Leads', color: colors.accent }]}
          label="rate"
        />
      </ChartFigure>
    </Card>
  );
}

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, ChartFigure, Empty, Stats } from './Card';
import { useChartTheme } from './chart-theme';
import { stageLabel } from './format';
import type { DisqualificationReasons } from './metric-types';

const reasonLabel = (reason: string): string => (reason === '(none)' ? 'no reason' : reason.replace(/_/g, ' '));

/** Why leads were disqualified, and how far they had got. */
export function DisqualificationsCard({ data }: { data: DisqualificationReasons }) {
  const { colors, animate } = useChartTheme();
  const rows = data.reasons.map((row) => ({ reason: reasonLabel(row.reason), n: row.n }));
  return (
    <Card title="Disqualification reasons" note={`${data.n} leads disqualified`}>
      {rows.length === 0 ? (
        <Empty>No disqualified leads in this range.</Empty>
      ) : (
        <>
          <ChartFigure caption="Disqualified leads by reason" height={Math.max(120, rows.length * 28 + 40)}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
                <CartesianGrid stroke={colors.border} horizontal={false} />
                <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: colors.muted }} />
                <YAxis type="category" dataKey="reason" width={110} tick={{ fontSize: 12, fill: colors.text }} />
                <Tooltip />
                <Bar dataKey="n" name="Leads" fill={colors.danger} isAnimationActive={animate} />
              </BarChart>
            </ResponsiveContainer>
          </ChartFigure>
          <Stats items={data.fromStage.map((row): [string, number] => [`From ${stageLabel(row.stage)}`, row.n])} />
        </>
      )}
    </Card>
  );
}

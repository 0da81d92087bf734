import { Card, ChartFigure, Empty, Stats } from './Card';
import { useChartTheme } from './chart-theme';
import { BarList, barListHeight } from './charts';
import { stageLabel } from './format';
import type { DisqualificationReasons } from './metric-types';

const reasonLabel = (reason: string): string => (reason === '(none)' ? 'no reason' : reason.replace(/_/g, ' '));

/** Why leads were disqualified, and how far they had got. */
export function DisqualificationsCard({ data }: { data: DisqualificationReasons }) {
  const { colors } = useChartTheme();
  const rows = data.reasons.map((row) => ({ reason: reasonLabel(row.reason), n: row.n }));
  return (
    <Card title="Disqualification reasons" note={`${data.n} leads disqualified`}>
      {rows.length === 0 ? (
        <Empty>No disqualified leads in this range.</Empty>
      ) : (
        <>
          <ChartFigure caption="Disqualified leads by reason" height={barListHeight(rows.length)}>
            <BarList data={rows} category="reason" series={{ key: 'n', name: 'Leads', color: colors.danger }} />
          </ChartFigure>
          <Stats items={data.fromStage.map((row): [string, number] => [`From ${stageLabel(row.stage)}`, row.n])} />
        </>
      )}
    </Card>
  );
}

import { Card, ChartFigure, Stats } from './Card';
import { useChartTheme } from './chart-theme';
import { ColumnChart } from './charts';
import { formatDuration, formatPct } from './format';
import type { ResponseTimes } from './metric-types';

/** Speed-to-lead and time-to-assign: medians, p90s, and both histograms on one axis. */
export function ResponseTimesCard({ data }: { data: ResponseTimes }) {
  const { colors } = useChartTheme();
  const { speedToLead: contact, timeToAssign: assign } = data;
  const rows = contact.buckets.map((bucket, index) => ({
    label: bucket.label,
    contacted: bucket.n,
    assigned: assign.buckets[index]?.n ?? 0,
  }));
  return (
    <Card
      title="Speed to lead"
      note={`${data.leads} leads captured · capture → first contact, and capture → first rep`}
    >
      <Stats
        items={[
          ['First contact, median', formatDuration(contact.medianSeconds)],
          ['First contact, p90', formatDuration(contact.p90Seconds)],
          [
            `Within ${contact.slaMinutes} min`,
            `${formatPct(contact.withinSlaPct)} (${contact.withinSla}/${data.leads})`,
          ],
          ['Not contacted', contact.notContacted],
          ['Assigned, median', formatDuration(assign.medianSeconds)],
          ['Assigned, p90', formatDuration(assign.p90Seconds)],
          ['Unassigned', assign.unassigned],
        ]}
      />
      <ChartFigure caption={`How long leads waited: ${contact.n} contacted, ${assign.n} assigned, by time bucket`}>
        <ColumnChart
          data={rows}
          category="label"
          series={[
            { key: 'contacted', name: 'First contact', color: colors.accent },
            { key: 'assigned', name: 'Assignment', color: colors.muted },
          ]}
        />
      </ChartFigure>
    </Card>
  );
}

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, ChartFigure, Stats } from './Card';
import { useChartTheme } from './chart-theme';
import { formatDuration, formatPct } from './format';
import type { ResponseTimes } from './metric-types';

/** Speed-to-lead and time-to-assign: medians, p90s, and both histograms on one axis. */
export function ResponseTimesCard({ data }: { data: ResponseTimes }) {
  const { colors, animate } = useChartTheme();
  const { speedToLead: contact, timeToAssign: assign } = data;
  const rows = contact.buckets.map((bucket, index) => ({ label: bucket.label, contacted: bucket.n, assigned: assign.buckets[index]?.n ?? 0 }));
  return (
    <Card title="Speed to lead" note={`${data.leads} leads captured · capture → first contact, and capture → first rep`}>
      <Stats
        items={[
          ['First contact, median', formatDuration(contact.medianSeconds)],
          ['First contact, p90', formatDuration(contact.p90Seconds)],
          [`Within ${contact.slaMinutes} min`, `${formatPct(contact.withinSlaPct)} (${contact.withinSla}/${data.leads})`],
          ['Not contacted', contact.notContacted],
          ['Assigned, median', formatDuration(assign.medianSeconds)],
          ['Assigned, p90', formatDuration(assign.p90Seconds)],
          ['Unassigned', assign.unassigned],
        ]}
      />
      <ChartFigure caption={`How long leads waited: ${contact.n} contacted, ${assign.n} assigned, by time bucket`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid stroke={colors.border} vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12, fill: colors.muted }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: colors.muted }} />
            <Tooltip />
            <Legend />
            <Bar dataKey="contacted" name="First contact" fill={colors.accent} isAnimationActive={animate} />
            <Bar dataKey="assigned" name="Assignment" fill={colors.muted} isAnimationActive={animate} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
    </Card>
  );
}

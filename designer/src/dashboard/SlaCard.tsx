import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, ChartFigure, Empty, Stats } from './Card';
import { useChartTheme } from './chart-theme';
import { formatPct } from './format';
import type { SlaCompliance } from './metric-types';

/** SLA compliance overall, per rep (chart) and per team (table). */
export function SlaCard({ data }: { data: SlaCompliance }) {
  const { colors, animate } = useChartTheme();
  const reps = data.byRep.map((rep) => ({ name: rep.repName ?? rep.repId.slice(0, 8), compliance: rep.compliancePct ?? 0, judged: rep.met + rep.missed }));
  return (
    <Card title="SLA compliance" note={`First contact within ${data.slaMinutes} min of each assignment; pending windows are not counted`}>
      <Stats
        items={[
          ['Compliance', formatPct(data.overall.compliancePct)],
          ['Met', data.overall.met],
          ['Missed', data.overall.missed],
          ['Pending', data.overall.pending],
        ]}
      />
      {reps.length === 0 ? (
        <Empty>No assignments in this range.</Empty>
      ) : (
        <ChartFigure caption="Compliance per rep, % of assignments met" height={Math.max(120, reps.length * 28 + 40)}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={reps} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
              <CartesianGrid stroke={colors.border} horizontal={false} />
              <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 12, fill: colors.muted }} />
              <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 12, fill: colors.text }} />
              <Tooltip formatter={(value) => [`${value}%`, 'Compliance']} />
              <Bar dataKey="compliance" name="Compliance" fill={colors.success} isAnimationActive={animate} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      )}
      {data.byTeam.length > 0 && (
        <table className="dash-table">
          <caption className="dash-visually-hidden">SLA compliance per team</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Met</th>
              <th scope="col">Missed</th>
              <th scope="col">Pending</th>
              <th scope="col">Compliance</th>
            </tr>
          </thead>
          <tbody>
            {data.byTeam.map((team) => (
              <tr key={team.teamId ?? '(none)'}>
                <th scope="row">{team.teamName ?? team.teamId ?? 'No team'}</th>
                <td>{team.met}</td>
                <td>{team.missed}</td>
                <td>{team.pending}</td>
                <td>{formatPct(team.compliancePct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

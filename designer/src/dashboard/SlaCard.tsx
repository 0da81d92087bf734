import { Card, ChartFigure, Empty, Stats } from './Card';
import { useChartTheme } from './chart-theme';
import { BarList, barListHeight, DataTable } from './charts';
import { formatPct } from './format';
import type { SlaCompliance } from './metric-types';

type TeamRow = SlaCompliance['byTeam'][number];

/** SLA compliance overall, per rep (chart) and per team (table). */
export function SlaCard({ data }: { data: SlaCompliance }) {
  const { colors } = useChartTheme();
  const reps = data.byRep.map((rep) => ({
    name: rep.repName ?? rep.repId.slice(0, 8),
    compliance: rep.compliancePct ?? 0,
  }));
  return (
    <Card
      title="SLA compliance"
      note={`First contact within ${data.slaMinutes} min of each assignment; pending windows are not counted`}
    >
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
        <ChartFigure caption="Compliance per rep, % of assignments met" height={barListHeight(reps.length)}>
          <BarList
            data={reps}
            category="name"
            series={{ key: 'compliance', name: 'Compliance', color: colors.success }}
            domain={[0, 100]}
            unit="%"
          />
        </ChartFigure>
      )}
      {data.byTeam.length > 0 && (
        <DataTable<TeamRow>
          caption="SLA compliance per team"
          hideCaption
          rows={data.byTeam}
          rowKey={(team) => team.teamId ?? '(none)'}
          columns={[
            { header: 'Team', cell: (team) => team.teamName ?? team.teamId ?? 'No team' },
            { header: 'Met', cell: (team) => team.met },
            { header: 'Missed', cell: (team) => team.missed },
            { header: 'Pending', cell: (team) => team.pending },
            { header: 'Compliance', cell: (team) => formatPct(team.compliancePct) },
          ]}
        />
      )}
    </Card>
  );
}

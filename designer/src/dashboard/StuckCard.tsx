import { Card, Empty, Stats } from './Card';
import { DataTable } from './charts';
import { formatMinutes } from './format';
import type { StuckLeads } from './metric-types';

type NodeRow = StuckLeads['byNode'][number];
type LeadRow = StuckLeads['leads'][number];

/** Leads sitting at one node past the threshold: counts by node, then the longest waiting. */
export function StuckCard({ data }: { data: StuckLeads }) {
  return (
    <Card
      title="Stuck leads"
      note={`At one node for more than ${formatMinutes(data.stuckMinutes)}, as of now (the date range does not apply)`}
    >
      <Stats
        items={[
          ['Stuck', data.n],
          ['Nodes', data.byNode.length],
          ['Never started', data.notStarted],
        ]}
      />
      {data.n === 0 ? (
        <Empty>No lead has been at one node that long.</Empty>
      ) : (
        <div className="dash-columns">
          <DataTable<NodeRow>
            caption="By node"
            rows={data.byNode}
            rowKey={(node) => `${node.workflowId}:${node.nodeId}`}
            columns={[
              { header: 'Node', cell: (node) => node.nodeId },
              { header: 'Workflow', cell: (node) => node.workflowName },
              { header: 'Leads', cell: (node) => node.n },
            ]}
          />
          <DataTable<LeadRow>
            caption={`Longest at their node${data.leads.length < data.n ? ` (first ${data.leads.length})` : ''}`}
            rows={data.leads}
            rowKey={(lead) => lead.id}
            columns={[
              {
                header: 'Lead',
                cell: (lead) => (
                  <span title={lead.email}>
                    {lead.name ?? lead.email}
                    {lead.company && <span className="dash-muted"> · {lead.company}</span>}
                  </span>
                ),
              },
              {
                header: 'Node',
                cell: (lead) => (
                  <>
                    {lead.nodeId} <span className="dash-muted">({lead.runStatus})</span>
                  </>
                ),
              },
              { header: 'Owner', cell: (lead) => lead.ownerName ?? '—' },
              { header: 'For', cell: (lead) => formatMinutes(lead.minutes) },
            ]}
          />
        </div>
      )}
    </Card>
  );
}

import { Card, Empty, Stats } from './Card';
import { formatMinutes } from './format';
import type { StuckLeads } from './metric-types';

/** Leads sitting at one node past the threshold: counts by node, then the longest waiting. */
export function StuckCard({ data }: { data: StuckLeads }) {
  return (
    <Card title="Stuck leads" note={`At one node for more than ${formatMinutes(data.stuckMinutes)}, as of now (the date range does not apply)`}>
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
          <table className="dash-table">
            <caption>By node</caption>
            <thead>
              <tr>
                <th scope="col">Workflow</th>
                <th scope="col">Node</th>
                <th scope="col">Leads</th>
              </tr>
            </thead>
            <tbody>
              {data.byNode.map((node) => (
                <tr key={`${node.workflowId}:${node.nodeId}`}>
                  <td>{node.workflowName}</td>
                  <th scope="row">{node.nodeId}</th>
                  <td>{node.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="dash-table">
            <caption>Longest at their node{data.leads.length < data.n ? ` (first ${data.leads.length})` : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Lead</th>
                <th scope="col">Node</th>
                <th scope="col">Owner</th>
                <th scope="col">For</th>
              </tr>
            </thead>
            <tbody>
              {data.leads.map((lead) => (
                <tr key={lead.id}>
                  <th scope="row" title={lead.email}>
                    {lead.name ?? lead.email}
                    {lead.company && <span className="dash-muted"> · {lead.company}</span>}
                  </th>
                  <td>
                    {lead.nodeId} <span className="dash-muted">({lead.runStatus})</span>
                  </td>
                  <td>{lead.ownerName ?? '—'}</td>
                  <td>{formatMinutes(lead.minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

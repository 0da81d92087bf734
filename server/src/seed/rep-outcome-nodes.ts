import type { GraphDocument } from '@leadflow/engine';

type Node = GraphDocument['nodes'][number];
type Edge = GraphDocument['edges'][number];

/** The events a rep's inbox posts; an SLA wait ends on any of them, not only on `contacted`. */
export const REP_OUTCOME_EVENTS = ['contacted', 'meeting_booked', 'disqualified'];

/**
 * After an SLA wait (`waitId`, waiting for REP_OUTCOME_EVENTS): a branch on what the rep said,
 * so a lead its rep disqualified ends quietly (the API already set its status and reason) instead
 * of being escalated, and a booked meeting ends as such. Contacted keeps the end node `contactedId`.
 * The branch reads event counts, so a disqualification wins over an earlier "contacted".
 */
export function repOutcomeBranch(
  waitId: string,
  contactedId: string,
  at: Record<'rep-outcome' | 'rep-disqualified' | 'meeting-booked', [x: number, y: number]>,
): { nodes: Node[]; edges: Edge[] } {
  const position = (id: keyof typeof at) => ({ x: at[id][0], y: at[id][1] });
  return {
    nodes: [
      {
        id: 'rep-outcome',
        type: 'branch',
        typeVersion: 1,
        position: position('rep-outcome'),
        config: {
          cases: [
            { port: 'disqualified', label: 'Rep disqualified the lead', when: 'events.disqualified >= 1' },
            { port: 'meeting', label: 'Rep booked a meeting', when: 'events.meeting_booked >= 1' },
          ],
        },
      },
      {
        id: 'rep-disqualified',
        type: 'end',
        typeVersion: 1,
        position: position('rep-disqualified'),
        config: { outcome: 'disqualified by the owner' },
      },
      {
        id: 'meeting-booked',
        type: 'end',
        typeVersion: 1,
        position: position('meeting-booked'),
        config: { outcome: 'meeting booked within SLA', status: 'meeting_booked' },
      },
    ],
    edges: [
      { id: 'e-rep-outcome', source: waitId, sourceHandle: 'event', target: 'rep-outcome' },
      { id: 'e-rep-disqualified', source: 'rep-outcome', sourceHandle: 'disqualified', target: 'rep-disqualified' },
      { id: 'e-meeting-booked', source: 'rep-outcome', sourceHandle: 'meeting', target: 'meeting-booked' },
      { id: 'e-rep-contacted', source: 'rep-outcome', sourceHandle: 'default', target: contactedId },
    ],
  };
}

import { useEffect, useState } from 'react';
import type { Lead, OutcomeCatalog } from '@leadflow/server/contract';
import { leadName } from '../leads/lead-names';
import { byUrgency, dueText } from './lead-urgency';
import { OutcomeActions } from './OutcomeActions';

/** The time now, refreshed every `everyMs`, so due times count down on screen. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The rep's open leads with their SLA, score and source, and the outcome buttons for each. */
export function MyLeads({
  leads,
  catalog,
  onRecorded,
}: {
  leads: Lead[];
  catalog: OutcomeCatalog;
  onRecorded(summary: string): void;
}) {
  const now = useNow(15_000);
  return (
    <section className="inbox-panel inbox-leads" aria-labelledby="leads-title">
      <h2 id="leads-title">
        My open leads <span className="badge">{leads.length}</span>
      </h2>
      {leads.length === 0 ? (
        <p className="muted">No open leads. New ones appear here as they are routed to you.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Lead</th>
              <th scope="col">Source · score</th>
              <th scope="col">SLA</th>
              <th scope="col">Status</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {[...leads].sort(byUrgency).map((lead) => {
              const until = lead.run.waiting?.until;
              const due = until ? dueText(until, now) : null;
              return (
                <tr key={lead.id} data-lead={lead.email}>
                  <td>
                    <strong>{leadName(lead)}</strong>
                    <div className="muted">{[lead.title, lead.company].filter(Boolean).join(', ')}</div>
                    <div className="muted">{lead.email}</div>
                  </td>
                  <td>
                    {lead.source ?? '—'}
                    <div className="muted">
                      score {lead.score ?? '—'}
                      {lead.tier !== null && ` · tier ${lead.tier}`}
                    </div>
                  </td>
                  <td>
                    {due && until ? (
                      <span
                        className={`badge ${due.overdue ? 'error' : 'warn'}`}
                        title={`${lead.run.waiting?.description ?? ''}: until ${new Date(until).toLocaleString()}`}
                      >
                        {due.text}
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <span className="badge" data-testid="lead-status">
                      {lead.status}
                    </span>
                  </td>
                  <td>
                    <OutcomeActions lead={lead} catalog={catalog} onRecorded={onRecorded} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

import type { ReactNode } from 'react';
import type { LeadHistory } from '@leadflow/server/contract';
import { humanize, showValue } from '../app/humanize';

/** Names for the ids a lead carries. */
export interface Directory {
  reps: Map<string, string>;
  teams: Map<string, string>;
  accounts: Map<string, string>;
}

/** A field's value with ids resolved to names: owner, team, account. */
function resolve(key: string, value: unknown, directory: Directory): string {
  if (typeof value === 'string') {
    const lower = key.toLowerCase();
    if (lower.endsWith('ownerid') || lower.endsWith('repid')) return directory.reps.get(value) ?? value;
    if (lower.endsWith('teamid')) return directory.teams.get(value) ?? value;
    if (lower.endsWith('accountid')) return directory.accounts.get(value) ?? value;
  }
  return showValue(value);
}

type Lead = LeadHistory['lead'];

/** The phone as stored (E.164) beside what was typed, or what was typed flagged when no country could read it. */
function Phone({ lead }: { lead: Lead }) {
  if (lead.phoneValid === false)
    return (
      <>
        {lead.phoneRaw} <span className="badge warn">not a valid number</span>
      </>
    );
  if (!lead.phone) return null;
  return (
    <>
      {lead.phone}
      {lead.phoneRaw && lead.phoneRaw !== lead.phone && <span className="muted"> · typed “{lead.phoneRaw}”</span>}
    </>
  );
}

/** The company as typed; on hover or focus, the form matching uses. */
function Company({ lead }: { lead: Lead }) {
  if (!lead.companyNormalized) return <>{lead.company}</>;
  return (
    // Focusable, so the note is there for the keyboard too.
    <span className="hover-note" tabIndex={0} data-testid="company">
      {lead.company}
      <span role="tooltip" className="hover-tip">
        matched as “{lead.companyNormalized}”
      </span>
    </span>
  );
}

const ROWS: Array<[string, string, (lead: Lead, directory: Directory) => ReactNode]> = [
  ['Email', 'email', (lead) => lead.email],
  ['Company', 'company', (lead) => (lead.company ? <Company lead={lead} /> : null)],
  ['Title', 'title', (lead) => lead.title],
  ['Phone', 'phone', (lead) => (lead.phone || lead.phoneRaw ? <Phone lead={lead} /> : null)],
  ['Country', 'country', (lead) => lead.country],
  ['Source', 'source', (lead) => lead.source],
  ['Channel', 'channel', (lead) => lead.channel],
  ['Status', 'status', (lead) => lead.status],
  ['Stage', 'stage', (lead) => lead.stage],
  ['Owner', 'ownerId', (lead, d) => (lead.ownerId ? (d.reps.get(lead.ownerId) ?? lead.ownerId) : 'unassigned')],
  ['Team', 'teamId', (lead, d) => (lead.teamId ? (d.teams.get(lead.teamId) ?? lead.teamId) : null)],
  ['Disqualified because', 'disqualificationReason', (lead) => lead.disqualificationReason],
];

/** The lead's fields in words (the key on hover), its own and enriched ones, ids shown as names. */
export function LeadFields({ lead, directory }: { lead: Lead; directory: Directory }) {
  return (
    <section aria-labelledby="fields-title">
      <h2 id="fields-title">Fields</h2>
      <dl className="lead-fields">
        {ROWS.map(([label, key, read]) => {
          const value = read(lead, directory);
          return value === null || value === undefined || value === '' ? null : (
            <div key={label} style={{ display: 'contents' }}>
              <dt title={key}>{label}</dt>
              <dd>{value}</dd>
            </div>
          );
        })}
        {Object.entries({
          ...lead.fields,
          ...Object.fromEntries(Object.entries(lead.custom).map(([key, value]) => [`custom.${key}`, value])),
        }).map(([key, value]) => (
          <div key={key} style={{ display: 'contents' }}>
            <dt title={key} data-testid="field-name">
              {humanize(key)}
            </dt>
            <dd>{resolve(key, value, directory)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

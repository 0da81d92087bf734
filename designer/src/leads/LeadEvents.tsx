import type { LeadEventView } from '@leadflow/server/contract';
import { humanize, showValue } from '../app/humanize';
import { changesInWords, resubmittedChanges } from './event-words';

/** What one event carried, in words: a resubmission's changes field by field, else its data. */
function EventData({ event }: { event: LeadEventView }) {
  if (event.type === 'resubmitted') {
    const changes = resubmittedChanges(event.data);
    if (!changes) return <span className="muted"> · nothing changed</span>;
    return (
      <ul className="event-changes" aria-label="What changed">
        {changesInWords(changes).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    );
  }
  return Object.keys(event.data).length > 0 ? <span className="muted"> · {showValue(event.data)}</span> : null;
}

/** The lead's events, oldest first: what was posted or recorded, when, and what it carried (nothing, once erased). */
export function LeadEvents({ events, erased }: { events: readonly LeadEventView[]; erased: boolean }) {
  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title">Events</h2>
      {events.length === 0 ? (
        <p className="muted">No events yet.</p>
      ) : (
        <ul aria-label="Events">
          {events.map((event) => (
            <li key={event.id}>
              <strong>{event.type === 'resubmitted' ? 'Submitted again' : humanize(event.type)}</strong>{' '}
              <span className="muted">{new Date(event.occurredAt).toLocaleString()}</span>
              {!erased && <EventData event={event} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

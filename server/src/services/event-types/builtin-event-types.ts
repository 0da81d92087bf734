import type { EventType } from '../../contract/event-types.js';

/** An event type as the catalog shows it (EventTypeSchema). */
export type EventTypeView = EventType;

/** Intent activity from a site or a tracker: what a capture token may post (see capture-events.ts). */
export const INTAKE_ACTIVITY_TYPES: readonly string[] = [
  'page_visited',
  'content_downloaded',
  'email_opened',
  'demo_requested',
];

const builtIn = (name: string, label: string, description: string, postable = true): EventTypeView => ({
  name,
  label,
  description,
  builtIn: true,
  postable,
  intake: INTAKE_ACTIVITY_TYPES.includes(name),
  dataSchema: null,
});

/**
 * The events Leadflow itself knows: rep outcomes, intent activity, operator actions and what
 * intake and tasks record. Rep outcomes' data is checked by their own rules (rep-outcomes.ts).
 */
export const BUILTIN_EVENT_TYPES: readonly EventTypeView[] = [
  builtIn('contacted', 'Contacted', 'A rep reached the lead (rep outcome).'),
  builtIn('replied', 'Replied', 'The lead answered an email, a message or a call.'),
  builtIn(
    'meeting_booked',
    'Meeting booked',
    'A meeting with the lead is on the calendar (rep outcome; data.meetingAt, data.note).',
  ),
  builtIn(
    'disqualified',
    'Disqualified',
    'A rep disqualified the lead (rep outcome; data.reason from GET /api/lead-outcomes).',
  ),
  builtIn('status_changed', 'Status changed', "The lead's status changed elsewhere, e.g. in the CRM (data.status)."),
  builtIn('page_visited', 'Page visited', 'The lead visited a page of your site (data.url).'),
  builtIn('content_downloaded', 'Content downloaded', 'The lead downloaded an asset (data.asset).'),
  builtIn('email_opened', 'Email opened', 'The lead opened a campaign email (data.campaign).'),
  builtIn('demo_requested', 'Demo requested', 'The lead asked for a demo.'),
  builtIn('retry', 'Retry', 'An operator retries a lead parked on an error.'),
  builtIn(
    'resubmitted',
    'Submitted again',
    'The same person submitted again; recorded by capture with what changed.',
    false,
  ),
  builtIn(
    'task_completed',
    'Task completed',
    'A rep completed a task a task node made; recorded by POST /api/tasks/:id/complete.',
    false,
  ),
];

export const BUILTIN_NAMES: ReadonlySet<string> = new Set(BUILTIN_EVENT_TYPES.map((type) => type.name));

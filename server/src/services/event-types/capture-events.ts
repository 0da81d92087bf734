import { Errors } from '../../errors.js';
import { isRepOutcome } from '../rep-outcomes.js';
import { INTAKE_ACTIVITY_TYPES, type EventTypeView } from './builtin-event-types.js';

/** What a type is, in words, when a capture token may not post it. */
function whatItIs(type: EventTypeView): string {
  if (isRepOutcome(type.name)) return "a rep outcome, which the lead's rep records";
  if (type.name === 'retry') return 'an operator action';
  if (type.name === 'status_changed') return 'a status change';
  if (!type.builtIn) return 'a custom type not open to intake (an admin or editor may set "intake": true on it)';
  return 'not an intake or activity event';
}

/**
 * Capture tokens live in website code and integrations: they may post intent activity and custom
 * types marked for intake, never what a rep or an operator decides (outcomes, retry, status).
 */
export function assertCaptureMayPost(type: EventTypeView): void {
  if (type.intake) return;
  const allowed = `${INTAKE_ACTIVITY_TYPES.join(', ')} or a custom type marked intake`;
  throw Errors.eventNotForRole(
    'capture',
    type.name,
    `'${type.name}' is ${whatItIs(type)}; a capture token may post only intake and activity events (${allowed})`,
  );
}

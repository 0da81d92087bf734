import type { OutOfOffice, Weekday, WorkingHours } from '@leadflow/engine/db';

export interface RepForRouting {
  id: string;
  name: string;
  active: boolean;
  timezone: string;
  capacity: number | null;
  weight: number;
  working_hours: WorkingHours | null;
  out_of_office: OutOfOffice[];
  skills: string[];
  languages: string[];
}

export interface AvailabilityRules {
  respectWorkingHours: boolean;
  respectCapacity: boolean;
  requireSkills: readonly string[];
  requireLanguages: readonly string[];
}

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Weekday and "HH:MM" of an instant on the rep's wall clock. */
export function localTime(at: Date, timeZone: string): { weekday: Weekday; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = part('weekday').slice(0, 3).toLowerCase() as Weekday;
  return { weekday: WEEKDAYS.includes(weekday) ? weekday : 'mon', time: `${part('hour')}:${part('minute')}` };
}

/**
 * Why this rep cannot take the lead now, or null if they can. Each reason is the text the step
 * trail shows ("out of office until 2026-11-30").
 */
export function unavailableBecause(
  rep: RepForRouting,
  openLeads: number,
  rules: AvailabilityRules,
  now: Date,
): string | null {
  if (!rep.active) return 'inactive';
  const away = rep.out_of_office.find((period) => new Date(period.from) <= now && now < new Date(period.until));
  if (away) return `out of office until ${away.until.slice(0, 10)}${away.note ? ` (${away.note})` : ''}`;
  const missingSkill = rules.requireSkills.find((skill) => !rep.skills.includes(skill));
  if (missingSkill) return `lacks skill ${missingSkill}`;
  const missingLanguage = rules.requireLanguages.find((language) => !rep.languages.includes(language));
  if (missingLanguage) return `does not speak ${missingLanguage}`;
  if (rules.respectWorkingHours && rep.working_hours) {
    const { weekday, time } = localTime(now, rep.timezone);
    const hours = rep.working_hours[weekday];
    if (!hours || time < hours[0] || time >= hours[1]) {
      return `outside working hours (${hours ? `${hours[0]}–${hours[1]}` : `off on ${weekday}`}, now ${weekday} ${time} ${rep.timezone})`;
    }
  }
  if (rules.respectCapacity && rep.capacity !== null && openLeads >= rep.capacity)
    return `at capacity ${openLeads}/${rep.capacity}`;
  return null;
}

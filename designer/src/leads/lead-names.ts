import type { Lead } from '@leadflow/server/contract';

/** How a lead is named in lists: its name, else its email; an erased lead has neither. */
export function leadName(
  lead: Pick<Lead, 'firstName' | 'lastName' | 'email' | 'fields'> & { erasedAt?: string | null },
): string {
  if (lead.erasedAt) return 'Erased lead';
  const full =
    [lead.firstName, lead.lastName].filter(Boolean).join(' ') ||
    (typeof lead.fields?.fullName === 'string' ? lead.fields.fullName : '');
  return full || lead.email;
}

export const RUN_STATUS_BADGE: Record<string, string> = {
  waiting: 'warn',
  error: 'error',
  completed: 'ok',
  running: 'accent',
  starting: '',
};

import type { LeadContext } from '@leadflow/engine';

/**
 * Escapes the three characters Slack reads as control sequences (`&`, `<`, `>`), as Slack's
 * formatting docs require, so `<!channel>`, `<@U123>` or `<https://evil|click>` in text stay text.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeStrings(value: unknown): unknown {
  if (typeof value === 'string') return escapeSlackText(value);
  if (Array.isArray(value)) return value.map(escapeStrings);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, escapeStrings(inner)]));
  return value;
}

/**
 * The lead with every text value escaped for Slack, custom fields included. Rendering a template
 * against it escapes what the lead filled in but not what the workflow author wrote, so an
 * author's `<!here>` or `<https://crm.example/leads/{{id}}|open>` still works.
 */
export function slackSafeLead(lead: Readonly<LeadContext>): LeadContext {
  return escapeStrings(lead) as LeadContext;
}

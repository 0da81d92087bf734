import { defineControlNode } from '@leadflow/engine';
import { Type } from 'typebox';

/** Why a lead is not worth pursuing; stored as the lead's `disqualificationReason`, so reports can group by it. */
export const DISQUALIFICATION_REASONS = [
  'no_budget',
  'no_authority',
  'no_need',
  'timing',
  'competitor',
  'bad_data',
  'duplicate',
] as const;

export type DisqualificationReason = (typeof DISQUALIFICATION_REASONS)[number];

/** What each reason means, in words a rep picks from. */
export const REASON_LABELS: Readonly<Record<DisqualificationReason, string>> = {
  no_budget: 'no budget',
  no_authority: 'no authority to buy',
  no_need: 'no need',
  timing: 'bad timing',
  competitor: 'chose or is tied to a competitor',
  bad_data: 'bad or fake data',
  duplicate: 'duplicate of another lead',
};

export const disqualifyConfigSchema = Type.Object(
  {
    reason: Type.Enum(DISQUALIFICATION_REASONS, {
      title: 'Reason',
      description: `Recorded on the lead: ${DISQUALIFICATION_REASONS.map((code) => `${code} (${REASON_LABELS[code]})`).join(', ')}`,
    }),
    note: Type.Optional(
      Type.String({
        maxLength: 500,
        title: 'Note',
        description: 'Shown in the lead\'s history, e.g. "student email".',
      }),
    ),
  },
  { additionalProperties: false },
);

/**
 * Disqualifies the lead and ends its path. A fixed list of reasons, not free text, so
 * disqualifications can be counted by reason.
 */
export const disqualify = defineControlNode({
  type: 'disqualify',
  version: 1,
  title: 'Disqualify',
  category: 'outcome',
  icon: '🚫',
  description:
    'Marks the lead disqualified with a reason (no budget, no authority, no need, timing, competitor, bad data, duplicate) and ends its run here.',
  configSchema: disqualifyConfigSchema,
  defaultConfig: { reason: 'no_need' },
  ports: [],
  summary: (config) => config.reason + (config.note ? ` · ${config.note}` : ''),
  run: (config) => ({
    // Like `end`: no port is wired, so the run finishes here.
    port: 'end',
    output: { reason: config.reason, ...(config.note ? { note: config.note } : {}) },
    patch: { status: 'disqualified', disqualificationReason: config.reason },
    reason: `disqualified: ${config.reason} (${REASON_LABELS[config.reason]})${config.note ? ` — ${config.note}` : ''}`,
  }),
});

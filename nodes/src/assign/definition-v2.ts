import { type ConfigIssue, defineActivityNode } from '@leadflow/engine';
import { type Static, Type } from 'typebox';

export const assignV2ConfigSchema = Type.Object(
  {
    source: Type.Enum(['team', 'territory', 'account_owner'], {
      title: 'Candidates from',
      description:
        "team: the reps of one team. territory: the team or rep of the first territory whose rules match the lead. account_owner: the owner of the lead's account, else the team.",
    }),
    team: Type.Optional(
      Type.String({
        maxLength: 100,
        title: 'Team',
        description:
          'The team (for source "team"), or the fallback when no territory matches / the account owner is unavailable.',
        'x-picker': 'team',
      }),
    ),
    strategy: Type.Enum(['round_robin', 'weighted_round_robin', 'least_loaded'], {
      title: 'Pick by',
      description:
        "round_robin: in turn. weighted_round_robin: in proportion to each rep's weight. least_loaded: fewest open leads.",
    }),
    requireSkills: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), {
      uniqueItems: true,
      title: 'Required skills',
      description: 'Specialisation: the rep must have every one (e.g. enterprise, healthcare).',
    }),
    requireLanguages: Type.Array(Type.String({ minLength: 2, maxLength: 10 }), {
      uniqueItems: true,
      title: 'Required languages',
    }),
    respectWorkingHours: Type.Boolean({
      title: 'Only reps at work now',
      description: 'Skip reps outside their working hours, in their own time zone.',
    }),
    respectCapacity: Type.Boolean({
      title: 'Respect capacity',
      description: 'Skip reps whose open leads reached their capacity.',
    }),
    excludeCurrentOwner: Type.Optional(
      Type.Boolean({
        title: 'Reassign',
        description: "Skip the lead's current owner: hand the lead to the next rep (SLA escalation).",
      }),
    ),
  },
  { additionalProperties: false },
);

export type AssignV2Config = Static<typeof assignV2ConfigSchema>;

function validate(config: AssignV2Config): ConfigIssue[] {
  if (config.source === 'team' && !config.team) return [{ path: 'team', message: 'choose a team' }];
  return [];
}

/**
 * Routing at full depth: candidates from a team, a territory or the account owner; availability
 * from active flag, working hours, out-of-office and capacity; specialisation by skills.
 */
export const assignV2 = defineActivityNode({
  type: 'assign',
  version: 2,
  title: 'Assign',
  category: 'routing',
  icon: '👤',
  description:
    'Gives the lead an owner: from a team, a territory or the account owner; by round robin, weighted round robin or least loaded; skipping reps who are inactive, out of office, off work or at capacity. Nobody available → "unassigned", never a dropped lead.',
  configSchema: assignV2ConfigSchema,
  defaultConfig: {
    source: 'team',
    team: 'inbound',
    strategy: 'round_robin',
    requireSkills: [],
    requireLanguages: [],
    respectWorkingHours: false,
    respectCapacity: true,
  },
  ports: [
    { name: 'assigned', label: 'Assigned' },
    { name: 'unassigned', label: 'Nobody available' },
  ],
  validate,
  summary: (config) =>
    `${config.strategy.replace(/_/g, ' ')} · ${config.source === 'team' ? `team ${config.team}` : config.source.replace('_', ' ')}${config.requireSkills.length ? ` · needs ${config.requireSkills.join(', ')}` : ''}`,
});

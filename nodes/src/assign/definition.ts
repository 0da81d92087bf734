import { defineActivityNode } from '@leadflow/engine';
import { Type } from 'typebox';

export const assignConfigSchema = Type.Object(
  {
    strategy: Type.Enum(['round_robin'], {
      title: 'Strategy',
      description: 'How a rep is picked among the available ones.',
    }),
    team: Type.String({
      minLength: 1,
      maxLength: 100,
      title: 'Team',
      description: 'Id of the team whose active reps share the leads.',
      'x-picker': 'team',
    }),
  },
  { additionalProperties: false },
);

/** Picks an owner. Correct under concurrency (one lock per pool) and idempotent under retries. */
export const assign = defineActivityNode({
  type: 'assign',
  version: 1,
  title: 'Assign',
  category: 'routing',
  icon: '👤',
  description:
    'Gives the lead an owner from a team by round robin over its active reps; nobody available → "unassigned", never a dropped lead.',
  configSchema: assignConfigSchema,
  defaultConfig: { strategy: 'round_robin', team: 'inbound-sdr' },
  ports: [
    { name: 'assigned', label: 'Assigned' },
    { name: 'unassigned', label: 'Nobody available' },
  ],
  summary: (config) => `${config.strategy.replace('_', ' ')} in team ${config.team}`,
});

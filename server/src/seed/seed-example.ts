import type { AppServices } from '../services/app-services.js';
import { SEED_ACTOR } from '../services/audit-log.js';
import { inboundWorkflow } from './inbound-workflow.js';
import { slaEscalationWorkflow } from './sla-workflow.js';

export const EXAMPLE_TEAM = 'inbound';

const REPS = ['Ava Patel', 'Ben Okafor', 'Chloe Martin', 'Dev Sharma', 'Emma Schultz'];

/**
 * First start only: a team of five reps with a manager, one known account, the example workflow
 * (published, the default for new leads) and the SLA escalation pattern (published).
 */
export async function seedExample(services: AppServices): Promise<boolean> {
  const existing = await services.workflows.list();
  if (existing.length > 0) return false;
  const manager = await services.reps.create(
    { name: 'Morgan Lee', email: 'morgan.lee@example.com', timezone: 'America/New_York' },
    SEED_ACTOR,
  );
  await services.teams.create({ id: EXAMPLE_TEAM, name: 'Inbound sales', managerRepId: manager.id }, SEED_ACTOR);
  const reps = [];
  for (const name of REPS) {
    const email = `${name.toLowerCase().replace(' ', '.')}@example.com`;
    reps.push(
      await services.reps.create(
        { name, email, teamId: EXAMPLE_TEAM, timezone: 'America/New_York', capacity: 25 },
        SEED_ACTOR,
      ),
    );
  }
  await services.accounts.create({ domain: 'acme.com', name: 'Acme', ownerRepId: reps[0]?.id ?? null }, SEED_ACTOR);
  const workflow = await services.workflows.create(
    { name: inboundWorkflow.name, slug: 'inbound', draft: inboundWorkflow, isDefault: true },
    SEED_ACTOR,
  );
  await services.workflows.publish(workflow.id, 'Example workflow seeded on first start', SEED_ACTOR);
  const sla = await services.workflows.create(
    {
      name: 'SLA: reassign when not contacted in time',
      slug: 'sla-escalation',
      draft: slaEscalationWorkflow(EXAMPLE_TEAM),
    },
    SEED_ACTOR,
  );
  await services.workflows.publish(sla.id, 'SLA pattern seeded on first start', SEED_ACTOR);
  return true;
}

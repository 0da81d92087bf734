import type { Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';

/** The rep a notification is for. */
export interface Recipient {
  repId: string;
  name: string;
  email: string;
}

/** Who `to` names: the lead's owner, or the manager of the lead's team. Null when there is none. */
export async function findRecipient(
  db: Kysely<Database>,
  to: 'owner' | 'team_manager',
  ownerId: string | null,
  teamId: string | null,
): Promise<Recipient | null> {
  let repId = ownerId;
  if (to === 'team_manager') {
    const team = teamId
      ? await db.selectFrom('teams').select('manager_rep_id').where('id', '=', teamId).executeTakeFirst()
      : undefined;
    repId = team?.manager_rep_id ?? null;
  }
  if (!repId) return null;
  const rep = await db.selectFrom('reps').select(['id', 'name', 'email']).where('id', '=', repId).executeTakeFirst();
  return rep ? { repId: rep.id, name: rep.name, email: rep.email } : null;
}

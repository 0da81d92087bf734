import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testActivityContext } from '../shared/test-support/activity-context.js';
import { openTestDatabase, type TestDatabase } from '../shared/test-support/test-database.js';
import { notifyActivity } from './activity.js';

// v1 now shares its inbox, email and recipient code with v2; its behaviour must not move.
describe('notify v1', () => {
  const config = {
    channels: ['inbox', 'email'] as Array<'inbox' | 'email'>,
    to: 'owner' as const,
    subject: 'New lead: {{fullName}}',
    body: 'Call {{fullName}}',
  };
  let store: TestDatabase;
  beforeAll(async () => {
    store = await openTestDatabase();
  });
  afterAll(() => store?.close());

  const rows = (leadId: string) =>
    store.db
      .selectFrom('notifications')
      .select(['idempotency_key', 'status'])
      .where('lead_id', '=', leadId)
      .orderBy('channel')
      .execute();

  it('notifies the owner in the inbox and records email as skipped without SMTP, once per key', async () => {
    const ava = await store.rep({ name: 'Ava Patel', email: 'ava@leadflow.test' });
    const lead = await store.lead({ fullName: 'Jane\nDoe', ownerId: ava });
    const ctx = testActivityContext({ lead, db: store.db });
    const outcome = await notifyActivity.run(config, ctx);
    expect(outcome.reason).toBe('notified Ava Patel: inbox delivered (Ava Patel), email skipped (SMTP_URL is not set)');
    expect(outcome.output).toMatchObject({ subject: 'New lead: Jane Doe' });
    await notifyActivity.run(config, ctx);
    expect(await rows(lead.id)).toEqual([
      { idempotency_key: `${lead.id}:node-1:1:email`, status: 'skipped' },
      { idempotency_key: `${lead.id}:node-1:1:inbox`, status: 'delivered' },
    ]);
  });

  it('says nobody was notified when the lead has no owner', async () => {
    const lead = await store.lead();
    const outcome = await notifyActivity.run(config, testActivityContext({ lead, db: store.db }));
    expect(outcome).toEqual({
      port: 'out',
      output: { deliveries: [] },
      reason: 'nobody to notify: the lead has no owner',
    });
    expect(await rows(lead.id)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { testActivityContext, testLead } from '../shared/test-support/activity-context.js';
import { notifyActivity } from './activity.js';
import { fakeNotifyDb } from './test-support/fake-notify-db.js';

// v1 now shares its inbox, email and recipient code with v2; its behaviour must not move.
describe('notify v1', () => {
  const config = { channels: ['inbox', 'email'] as Array<'inbox' | 'email'>, to: 'owner' as const, subject: 'New lead: {{fullName}}', body: 'Call {{fullName}}' };

  it('notifies the owner in the inbox and records email as skipped without SMTP, once per key', async () => {
    const fake = fakeNotifyDb({ reps: [{ id: 'rep-1', name: 'Ava Patel', email: 'ava@leadflow.test' }] });
    const ctx = testActivityContext({ lead: testLead({ fullName: 'Jane\nDoe', ownerId: 'rep-1' }), db: fake.db });
    const outcome = await notifyActivity.run(config, ctx);
    expect(outcome.reason).toBe('notified Ava Patel: inbox delivered (Ava Patel), email skipped (SMTP_URL is not set)');
    expect(outcome.output).toMatchObject({ subject: 'New lead: Jane Doe' });
    await notifyActivity.run(config, ctx);
    expect(fake.notifications.map((r) => [r.idempotency_key, r.status])).toEqual([
      ['lead-1:node-1:1:inbox', 'delivered'],
      ['lead-1:node-1:1:email', 'skipped'],
    ]);
  });

  it('says nobody was notified when the lead has no owner', async () => {
    const fake = fakeNotifyDb();
    const outcome = await notifyActivity.run(config, testActivityContext({ db: fake.db }));
    expect(outcome).toEqual({ port: 'out', output: { deliveries: [] }, reason: 'nobody to notify: the lead has no owner' });
    expect(fake.notifications).toEqual([]);
  });
});

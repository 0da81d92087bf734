import { createDatabase } from '@leadflow/engine/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testActivityContext, testLead } from '../shared/test-support/activity-context.js';
import { openTestDatabase, type TestDatabase } from '../shared/test-support/test-database.js';
import { enrichActivity } from './activity.js';

const allThree = ['email_type', 'company_domain', 'known_accounts'];

describe('enrich v1', () => {
  let store: TestDatabase;
  /** The account acme.com, owned by a rep: what known_accounts finds. */
  let account: { id: string; owner: string };
  beforeAll(async () => {
    store = await openTestDatabase();
    const owner = await store.rep({ name: 'Owen', email: 'owen@leadflow.test' });
    const row = await store.db
      .insertInto('accounts')
      .values({ domain: 'acme.com', name: 'Acme', owner_rep_id: owner })
      .returning('id')
      .executeTakeFirstOrThrow();
    account = { id: row.id, owner };
  });
  afterAll(() => store?.close());
  /** A database that fails every query: what known_accounts meets when Postgres is down, and proof a step never asked. */
  const unreachable = () => {
    const db = createDatabase('postgres://nobody:nothing@127.0.0.1:1/none', { maxConnections: 1 });
    void db.destroy();
    return db;
  };

  it('fills company domain and account, with provenance, in the order v1 always wrote them', async () => {
    const outcome = await enrichActivity.run(
      { providers: allThree, want: ['companyDomain', 'accountId'] },
      testActivityContext({ lead: testLead({ email: 'Jane@Acme.com' }), db: store.db }),
    );
    expect(outcome.port).toBe('enriched');
    expect(JSON.stringify(outcome.patch)).toBe(
      JSON.stringify({
        emailDomain: 'acme.com',
        isFreeEmail: false,
        companyDomain: 'acme.com',
        accountId: account.id,
        accountOwnerId: account.owner,
      }),
    );
    expect(outcome.reason).toBe(
      'found companyDomain, accountId (emailDomain from email_type; isFreeEmail from email_type; companyDomain from company_domain; accountId from known_accounts; accountName from known_accounts; accountOwnerId from known_accounts)',
    );
    expect(outcome.output).toEqual({
      fields: {
        emailDomain: { value: 'acme.com', provider: 'email_type', confidence: 1 },
        isFreeEmail: { value: false, provider: 'email_type', confidence: 0.95 },
        companyDomain: { value: 'acme.com', provider: 'company_domain', confidence: 0.9 },
        accountId: { value: account.id, provider: 'known_accounts', confidence: 1 },
        accountName: { value: 'Acme', provider: 'known_accounts', confidence: 1 },
        accountOwnerId: { value: account.owner, provider: 'known_accounts', confidence: 1 },
      },
      missing: [],
      notes: [],
    });
  });

  it('stops once every wanted field is known, before asking the database', async () => {
    // The accounts lookup would fail on this database and say so in the notes; it is never made.
    const outcome = await enrichActivity.run(
      { providers: allThree, want: ['companyDomain'] },
      testActivityContext({ db: unreachable() }),
    );
    expect(outcome.port).toBe('enriched');
    expect(outcome.output).toMatchObject({ notes: [] });
  });

  it('leaves by empty for a free-mail address', async () => {
    const outcome = await enrichActivity.run(
      { providers: allThree, want: ['companyDomain'] },
      testActivityContext({ lead: testLead({ email: 'jane@gmail.com' }), db: store.db }),
    );
    expect(outcome).toEqual({
      port: 'empty',
      patch: { emailDomain: 'gmail.com', isFreeEmail: true },
      output: {
        fields: {
          emailDomain: { value: 'gmail.com', provider: 'email_type', confidence: 1 },
          isFreeEmail: { value: true, provider: 'email_type', confidence: 0.95 },
        },
        missing: ['companyDomain'],
        notes: [],
      },
      reason: 'could not find companyDomain after email_type, company_domain, known_accounts; continuing without',
    });
  });

  it('notes a failing provider and leaves by empty', async () => {
    const outcome = await enrichActivity.run(
      { providers: allThree, want: ['accountId'] },
      testActivityContext({ db: unreachable() }),
    );
    expect(outcome.port).toBe('empty');
    const notes = (outcome.output as { notes: string[] }).notes;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^known_accounts failed: /);
    expect(outcome.reason).toBe(
      `could not find accountId after email_type, company_domain, known_accounts (${notes[0]}); continuing without`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { testActivityContext, testLead } from '../shared/test-support/activity-context.js';
import { enrichActivity } from './activity.js';
import { fakeAccountsDb } from './test-support/fake-accounts-db.js';

const accounts = [{ id: 'acc-1', domain: 'acme.com', name: 'Acme', owner_rep_id: 'rep-7' }];
const allThree = ['email_type', 'company_domain', 'known_accounts'];

describe('enrich v1', () => {
  it('fills company domain and account, with provenance, in the order v1 always wrote them', async () => {
    const { db } = fakeAccountsDb(accounts);
    const outcome = await enrichActivity.run({ providers: allThree, want: ['companyDomain', 'accountId'] }, testActivityContext({ lead: testLead({ email: 'Jane@Acme.com' }), db }));
    expect(outcome.port).toBe('enriched');
    expect(JSON.stringify(outcome.patch)).toBe(JSON.stringify({ emailDomain: 'acme.com', isFreeEmail: false, companyDomain: 'acme.com', accountId: 'acc-1', accountOwnerId: 'rep-7' }));
    expect(outcome.reason).toBe(
      'found companyDomain, accountId (emailDomain from email_type; isFreeEmail from email_type; companyDomain from company_domain; accountId from known_accounts; accountName from known_accounts; accountOwnerId from known_accounts)',
    );
    expect(outcome.output).toEqual({
      fields: {
        emailDomain: { value: 'acme.com', provider: 'email_type', confidence: 1 },
        isFreeEmail: { value: false, provider: 'email_type', confidence: 0.95 },
        companyDomain: { value: 'acme.com', provider: 'company_domain', confidence: 0.9 },
        accountId: { value: 'acc-1', provider: 'known_accounts', confidence: 1 },
        accountName: { value: 'Acme', provider: 'known_accounts', confidence: 1 },
        accountOwnerId: { value: 'rep-7', provider: 'known_accounts', confidence: 1 },
      },
      missing: [],
      notes: [],
    });
  });

  it('stops once every wanted field is known', async () => {
    const { db, queries } = fakeAccountsDb(accounts);
    const outcome = await enrichActivity.run({ providers: allThree, want: ['companyDomain'] }, testActivityContext({ db }));
    expect(outcome.port).toBe('enriched');
    expect(queries).toEqual([]);
  });

  it('leaves by empty for a free-mail address', async () => {
    const { db } = fakeAccountsDb(accounts);
    const outcome = await enrichActivity.run({ providers: allThree, want: ['companyDomain'] }, testActivityContext({ lead: testLead({ email: 'jane@gmail.com' }), db }));
    expect(outcome).toEqual({
      port: 'empty',
      patch: { emailDomain: 'gmail.com', isFreeEmail: true },
      output: { fields: { emailDomain: { value: 'gmail.com', provider: 'email_type', confidence: 1 }, isFreeEmail: { value: true, provider: 'email_type', confidence: 0.95 } }, missing: ['companyDomain'], notes: [] },
      reason: 'could not find companyDomain after email_type, company_domain, known_accounts; continuing without',
    });
  });

  it('notes a failing provider and leaves by empty', async () => {
    const { db } = fakeAccountsDb(accounts, { fail: 'connection refused' });
    const outcome = await enrichActivity.run({ providers: allThree, want: ['accountId'] }, testActivityContext({ db }));
    expect(outcome.port).toBe('empty');
    expect(outcome.output).toMatchObject({ missing: ['accountId'], notes: ['known_accounts failed: connection refused'] });
    expect(outcome.reason).toBe('could not find accountId after email_type, company_domain, known_accounts (known_accounts failed: connection refused); continuing without');
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlabelledControls } from './support/browser.js';
import { openDesigner } from './support/designer-page.js';
import { oneStepGraph } from './support/one-step-graph.js';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';
import { screenshotAtBothSizes, SIZES } from './support/two-sizes.js';

/** capture → a wait for contact (id and label given) → end. */
const followUp = (waitId: string, label: string) =>
  oneStepGraph(
    'Follow-up',
    { id: waitId, type: 'wait', typeVersion: 1, label, config: { mode: 'event', events: ['contacted'] } },
    'event',
    { outcome: 'contacted', status: 'contacted' },
  );

/**
 * After publishing, the leads still waiting on the old version in Chromium on the real stack:
 * the banner, the dry run by node with the reason some cannot move, a wait chosen for them, the
 * move with its working state and result. Then the lead page: the phone as typed, the company as
 * matched, a resubmission in words, and erasure behind a typed confirmation, leaving a tombstone.
 */
describe('migration review and lead page in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];
  const lead = async (id: string) => (await stack.api('GET', `/api/leads/${id}`)).body;
  const capture = async (body: Record<string, unknown>) => {
    const answer = await stack.api('POST', '/api/leads', { workflow: 'follow-up', ...body });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    return answer.body.lead.id as string;
  };
  const waitingAt = (id: string, nodeId: string) =>
    eventually(
      async () =>
        ((current) => current.run.status === 'waiting' && current.run.nodeId === nodeId && current)(await lead(id)),
      `lead ${id} to wait at ${nodeId}`,
    );

  beforeAll(async () => {
    stack = await startTestStack({ designer: true });
    expect(
      (
        await stack.api('POST', '/api/workflows', {
          name: 'Follow-up',
          slug: 'follow-up',
          draft: followUp('hold', 'Hold for contact'),
        })
      ).status,
    ).toBe(201);
    expect((await stack.api('POST', '/api/workflows/follow-up/publish', { note: 'v1' })).status).toBe(201);
    ({ browser, page, pageErrors } = await openDesigner(stack.baseUrl, stack.token));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('after publishing, offers to move the leads waiting on the old version: reviewed by node, mapped, moved with progress and a result', async () => {
    const leads = await Promise.all(['a', 'b', 'c'].map((name) => capture({ email: `${name}@migrate.example` })));
    for (const id of leads) await waitingAt(id, 'hold');
    expect(
      (await stack.api('PUT', '/api/workflows/follow-up/draft', followUp('await-reply', 'Await the reply'))).status,
    ).toBe(200);

    await page.goto(`${stack.baseUrl}/workflows/follow-up`);
    await page.getByTestId('publish').click();
    const publish = page.getByRole('dialog', { name: 'Publish Follow-up' });
    await publish.getByLabel('What changed and why').fill('Renamed the wait');
    await publish.getByRole('button', { name: 'Publish' }).click();
    const banner = page.getByTestId('migration-banner-1');
    await banner.waitFor();
    expect(await banner.textContent()).toBe('3 leads wait on version 1 — review migration');
    await screenshotAtBothSizes(page, 'migration-banner');

    await banner.getByRole('button', { name: 'review migration' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move leads from version 1 to version 2' });
    const byNode = dialog.getByRole('table', { name: 'Leads by node' });
    const row = byNode.locator('tbody tr', { hasText: 'Hold for contact' });
    await row.getByText('3 leads: the new version has no node “Hold for contact”; choose a wait for them').waitFor();
    const move = dialog.getByRole('button', { name: /^Move \d+ leads?$/ });
    expect(await move.textContent()).toBe('Move 0 leads');
    expect(await move.isDisabled()).toBe(true);
    await screenshotAtBothSizes(page, 'migration-review-blocked');

    await row.getByLabel('Where the leads at Hold for contact go').selectOption({ label: 'Await the reply' });
    await row.getByText('3 leads would move').waitFor();
    await expect.poll(() => move.textContent()).toBe('Move 3 leads');
    expect(await unlabelledControls(page, 'dialog')).toEqual([]);

    // The move itself is held at the browser until the working state has been seen.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/workflows/*/migrations', async (route) => {
      if (route.request().postDataJSON()?.dryRun !== true) await held;
      await route.continue();
    });
    await move.click();
    await dialog.getByRole('status').filter({ hasText: 'Moving 3 leads…' }).waitFor();
    expect(await dialog.getByRole('progressbar', { name: 'Moving leads' }).count()).toBe(1);
    expect(await move.isDisabled()).toBe(true);
    await screenshotAtBothSizes(page, 'migration-moving');
    release();
    await dialog.getByRole('status', { name: 'Migration result' }).getByText('Moved 3 leads to version 2.').waitFor();
    await page.unroute('**/api/workflows/*/migrations');
    await screenshotAtBothSizes(page, 'migration-result');
    for (const id of leads) expect(await waitingAt(id, 'await-reply')).toMatchObject({ workflowVersion: 2 });

    await dialog.getByRole('button', { name: 'Close' }).click();
    await banner.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });

  it('shows the phone as typed (flagged when unreadable), the company as matched on hover, and a resubmission in words', async () => {
    const valid = await capture({
      email: 'ray@acme.example',
      name: 'Ray Stone',
      phone: '(415) 555-0100',
      country: 'US',
    });
    await page.goto(`${stack.baseUrl}/leads/${valid}`);
    const fields = page.getByRole('region', { name: 'Fields' });
    await fields.getByText('+14155550100').waitFor();
    expect(await fields.textContent()).toContain('typed “(415) 555-0100”');
    expect(await fields.getByText('not a valid number').count()).toBe(0);

    const id = await capture({
      email: 'jana@beispiel.example',
      firstName: 'Jana',
      company: 'Beispiel GmbH',
      phone: 'ask for Jana',
      country: 'DE',
    });
    expect(await lead(id)).toMatchObject({
      phone: null,
      phoneRaw: 'ask for Jana',
      phoneValid: false,
      companyNormalized: 'beispiel',
    });
    await capture({ email: 'jana@beispiel.example', firstName: 'Jana', lastName: 'Berg', title: 'CTO' });
    await page.goto(`${stack.baseUrl}/leads/${id}`);
    await fields.getByText('ask for Jana').waitFor();
    expect(await fields.getByText('not a valid number').count()).toBe(1);
    const company = page.getByTestId('company');
    const note = company.getByRole('tooltip');
    expect(await note.isVisible()).toBe(false);
    await company.hover();
    await note.waitFor();
    expect(await note.textContent()).toBe('matched as “beispiel”');
    await screenshotAtBothSizes(page, 'lead-fields');

    const changes = page.getByRole('list', { name: 'What changed' });
    await changes.waitFor();
    expect((await changes.getByRole('listitem').allTextContents()).sort()).toEqual([
      'Last name set to “Berg”',
      'Title set to “CTO”',
    ]);
  });

  it('erases a lead after its email is typed, then shows only the tombstone; other roles are not offered it', async () => {
    const id = (await stack.api('GET', '/api/leads?q=jana%40beispiel.example')).body.leads[0].id as string;
    const editor = (await stack.api('POST', '/api/tokens', { name: 'RevOps', role: 'editor' })).body.token as string;
    const other = await browser.newPage({ viewport: SIZES[0] });
    await other.goto(`${stack.baseUrl}/leads/${id}#token=${editor}`);
    await other.getByRole('heading', { name: 'Fields' }).waitFor();
    expect(await other.getByRole('button', { name: 'Erase this lead…' }).count()).toBe(0);
    await other.close();

    await page.goto(`${stack.baseUrl}/leads/${id}`);
    await page.getByRole('button', { name: 'Erase this lead…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase this lead?' });
    const erase = dialog.getByRole('button', { name: 'Erase lead' });
    const typed = dialog.getByLabel("Type the lead's email, jana@beispiel.example, to confirm");
    expect(await erase.isDisabled()).toBe(true);
    await typed.fill('jana@beispiel.com');
    expect(await erase.isDisabled()).toBe(true);
    await typed.fill('Jana@Beispiel.example');
    expect(await erase.isDisabled()).toBe(false);
    await screenshotAtBothSizes(page, 'lead-erase-confirm');
    await erase.click();
    await dialog.waitFor({ state: 'detached' });

    const notice = page.getByTestId('erased-notice');
    await notice.getByRole('heading', { name: /^Erased on / }).waitFor();
    await page.getByRole('heading', { name: 'Leads / Erased lead' }).waitFor();
    const stored = await lead(id);
    expect(stored.erasedAt).not.toBeNull();
    const text = (await page.locator('.lead-page').textContent()) ?? '';
    for (const personal of ['beispiel', 'Beispiel', 'Jana', 'Berg', 'CTO', 'ask for'])
      expect(text, personal).not.toContain(personal);
    expect(await page.getByRole('heading', { name: 'Fields' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Erase this lead…' }).count()).toBe(0);
    // The kinds and times stay: the events are still listed, without what they carried.
    expect(await page.getByRole('list', { name: 'Events' }).getByText('Submitted again').count()).toBe(1);
    await screenshotAtBothSizes(page, 'lead-erased');

    await page.goto(`${stack.baseUrl}/leads`);
    await page.getByRole('link', { name: 'Erased lead' }).waitFor();
    expect(await page.content()).not.toContain('jana@beispiel.example');
    expect(pageErrors).toEqual([]);
  });
});

import { slaEscalationWorkflow } from '@leadflow/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser.js';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

/**
 * The rep inbox in Chromium against the real stack: a rep token lands on its inbox, a lead
 * captured through the API appears live with its notification, and the rep records outcomes.
 */
describe('rep inbox in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let repToken: string;
  let adaId: string;
  const pageErrors: string[] = [];

  const capture = async (name: string, email: string) =>
    (
      await stack.api('POST', '/api/leads', {
        email,
        name,
        company: 'Globex',
        title: 'VP Sales',
        source: 'demo_request',
      })
    ).body.lead.id as string;
  const row = (email: string) => page.locator(`tr[data-lead="${email}"]`);

  beforeAll(async () => {
    stack = await startTestStack({ designer: true });
    const manager = (await stack.api('POST', '/api/reps', { name: 'Max Manager', email: 'max@inbox-e2e.test' })).body
      .id;
    await stack.api('POST', '/api/teams', { id: 'inbound', name: 'Inbound', managerRepId: manager });
    adaId = (await stack.api('POST', '/api/reps', { name: 'Ada', email: 'ada@inbox-e2e.test', teamId: 'inbound' })).body
      .id;
    repToken = (await stack.api('POST', '/api/tokens', { name: "Ada's inbox", role: 'rep', repId: adaId })).body.token;
    await stack.api('POST', '/api/workflows', {
      name: 'sla',
      slug: 'sla',
      draft: slaEscalationWorkflow('inbound', '10m'),
      isDefault: true,
    });
    expect((await stack.api('POST', '/api/workflows/sla/publish', { note: 'v1' })).status).toBe(201);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${stack.baseUrl}/#token=${repToken}`);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('lands a rep token on its inbox, with only what a rep may use in the navigation', async () => {
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(page.url()).toMatch(/\/inbox$/);
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).toEqual(['Inbox', 'API docs']);
    await page.getByTestId('live-state').filter({ hasText: 'Live' }).waitFor({ timeout: 15_000 });
    await page.getByText('No open leads').waitFor();
  });

  it('shows a captured lead live with its notification, marks the notification read and the lead contacted', async () => {
    const id = await capture('Lena Live', 'lena@globex.test');
    await row('lena@globex.test').waitFor({ timeout: 30_000 });
    await page.getByRole('listitem').filter({ hasText: 'New lead: Lena Live' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('unread-count').textContent()).toBe('1');
    // The SLA shows once the lead waits for its rep.
    await row('lena@globex.test')
      .getByText(/in \d+ min/)
      .waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Mark read: New lead: Lena Live' }).click();
    await expect.poll(() => page.getByTestId('unread-count').textContent()).toBe('0');

    await row('lena@globex.test').getByRole('button', { name: 'Contacted' }).click();
    await row('lena@globex.test').getByRole('status').filter({ hasText: 'Marked contacted' }).waitFor();
    await expect.poll(() => row('lena@globex.test').getByTestId('lead-status').textContent()).toBe('contacted');
    const done = await eventually(async () => {
      const history = (await stack.api('GET', `/api/leads/${id}/history`)).body;
      return history.lead.run.status === 'completed' ? history : undefined;
    }, "Lena's run to end once contacted");
    expect(done.steps.map((s: { nodeId: string }) => s.nodeId).slice(-3)).toEqual([
      'await-contact',
      'rep-outcome',
      'contacted',
    ]);
  });

  it('disqualifies another lead from the keyboard with a reason, refusing it without one', async () => {
    const id = await capture('Otto Out', 'otto@globex.test');
    await row('otto@globex.test')
      .getByText(/in \d+ min/)
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'rep-inbox');

    await row('otto@globex.test').getByRole('button', { name: 'Disqualify…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Disqualify Otto Out' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Disqualify' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'is required to disqualify' }).waitFor();
    expect(await dialog.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');

    await dialog.getByLabel('Reason').selectOption('no_budget');
    await dialog.getByLabel('Note (optional)').fill('Budget frozen until Q3');
    await dialog.getByLabel('Note (optional)').press('Tab');
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.textContent))
      .toBe('Disqualify');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Otto Out: Disqualified').first().waitFor();
    await row('otto@globex.test').waitFor({ state: 'detached', timeout: 15_000 });

    const lead = (await stack.api('GET', `/api/leads/${id}`)).body;
    expect(lead).toMatchObject({ status: 'disqualified', disqualificationReason: 'no_budget', stage: 'disqualified' });
    const events = (await stack.api('GET', `/api/leads/${id}/history`)).body.events;
    expect(events).toEqual([
      expect.objectContaining({ type: 'disqualified', data: { reason: 'no_budget', note: 'Budget frozen until Q3' } }),
    ]);
    expect(pageErrors).toEqual([]);
  });

  it("lets an admin look into a rep's inbox", async () => {
    const admin = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await admin.goto(`${stack.baseUrl}/inbox#token=${stack.token}`);
    await admin.getByRole('option', { name: 'Ada' }).waitFor({ state: 'attached' });
    await admin.getByRole('combobox', { name: 'Rep' }).selectOption({ label: 'Ada' });
    await admin.locator('tr[data-lead="lena@globex.test"]').waitFor();
    expect(admin.url()).toContain(`rep=${adaId}`);
    await admin.close();
  });
});

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlabelledControls } from './support/browser.js';
import { openDesigner } from './support/designer-page.js';
import { oneStepGraph } from './support/one-step-graph.js';
import { startTestStack, type TestStack } from './support/test-stack.js';
import { screenshotAtBothSizes, SIZES } from './support/two-sizes.js';

const SLACK_URL = 'https://hooks.slack.example/services/T0001/B0001/abcdefSECRETxyz';
const LEGACY_URL = 'https://hooks.slack.example/services/T0002/B0002/LEGACYinlineSECRET';
/** capture → notify (Slack) → end; `notify` is the notify node's config beyond its channels. */
const alertsGraph = (name: string, notify: Record<string, unknown>) =>
  oneStepGraph(
    name,
    {
      id: 'alert',
      type: 'notify',
      typeVersion: 2,
      label: 'Alert sales',
      config: { channels: ['slack'], to: 'owner', subject: 'New lead', body: '{{email}}', ...notify },
    },
    'out',
    { outcome: 'alerted' },
  );

/**
 * Credentials in Chromium on the real stack: made from the kind's own form with the secret
 * masked and never shown again, picked by name in a node's form (a new one made from the form's
 * link in another tab), renamed, given a new secret, refused deletion while a workflow uses it;
 * deprecated inline secrets hidden; secrets never on a read-only version.
 */
describe('credentials in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[] = [];
  const saved = () =>
    page.getByTestId('save-state').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 15_000 });
  const credentials = async () =>
    (await stack.api('GET', '/api/credentials')).body.credentials as Array<{
      id: string;
      name: string;
      fingerprint: string;
      usedBy: string[];
    }>;

  beforeAll(async () => {
    stack = await startTestStack({ designer: true });
    expect(
      (
        await stack.api('POST', '/api/workflows', {
          name: 'Sales alerts',
          slug: 'alerts',
          draft: alertsGraph('Sales alerts', {}),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await stack.api('POST', '/api/workflows', {
          name: 'Legacy alerts',
          slug: 'legacy',
          draft: alertsGraph('Legacy alerts', { slackWebhookUrl: LEGACY_URL }),
        })
      ).status,
    ).toBe(201);
    const published = await stack.api('POST', '/api/workflows/legacy/publish', {
      note: 'inline Slack URL, from before credentials',
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    ({ browser, context, page, pageErrors } = await openDesigner(stack.baseUrl, stack.token));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('makes a credential from its kind’s form: the secret is masked, checked in words, and never shown again', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credentials' }).click();
    await page.getByRole('table', { name: 'Credentials' }).getByText('No credentials yet').waitFor();
    await page.getByRole('button', { name: 'New credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'New credential' });
    await dialog.getByLabel('Name', { exact: true }).fill('Sales channel');
    await dialog.getByLabel('Kind').selectOption({ label: 'Slack incoming webhook' });
    await dialog.getByText('The https://hooks.slack.com/… address Slack gives an incoming webhook.').waitFor();
    const url = dialog.getByRole('textbox', { name: 'Incoming webhook URL' });
    expect(await url.getAttribute('type')).toBe('password');
    await url.fill('hooks.slack.example/no-scheme');
    await url.blur();
    await dialog.locator('.sf-errors').filter({ hasText: 'incoming webhook URL' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Save credential' }).isDisabled()).toBe(true);
    await screenshotAtBothSizes(page, 'credential-new');
    expect(await unlabelledControls(page, 'dialog')).toEqual([]);
    await url.fill(SLACK_URL);
    // Shown on request, to check what was typed; masked again after.
    await dialog.getByRole('button', { name: 'Show Incoming webhook URL' }).click();
    expect(await url.getAttribute('type')).toBe('text');
    await dialog.getByRole('button', { name: 'Hide Incoming webhook URL' }).click();
    expect(await url.getAttribute('type')).toBe('password');
    await dialog.getByRole('button', { name: 'Save credential' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByRole('table', { name: 'Credentials' }).locator('tr', { hasText: 'Sales channel' });
    await row.waitFor();
    const [stored] = await credentials();
    expect(stored).toMatchObject({ name: 'Sales channel', kind: 'slack_webhook', usedBy: [] });
    expect(await row.textContent()).toContain('Slack incoming webhook');
    expect(await row.textContent()).toContain(stored?.fingerprint);
    expect(await row.textContent()).toContain('never');
    expect(await row.textContent()).toContain('no workflow');
    expect(await page.content()).not.toContain('SECRETxyz');
    expect(JSON.stringify(await credentials())).not.toContain('SECRETxyz');

    // The same name again: the server's refusal, on the Name field.
    await page.getByRole('button', { name: 'New credential' }).click();
    await dialog.getByLabel('Name', { exact: true }).fill('Sales channel');
    await dialog.getByLabel('Kind').selectOption({ label: 'Bearer token' });
    await dialog.getByRole('textbox', { name: 'Token' }).fill('sk_test_123');
    await dialog.getByRole('button', { name: 'Save credential' }).click();
    await dialog.getByText("a credential named 'Sales channel' already exists").waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await credentials()).toHaveLength(1);
    await screenshotAtBothSizes(page, 'credentials');
  });

  it('offers credentials by name in the node form, hides the deprecated field, and makes a new one from the form’s link', async () => {
    await page.goto(`${stack.baseUrl}/workflows/alerts`);
    await page.getByTestId('node-alert').click();
    const picker = page.getByLabel('Slack webhook', { exact: true });
    await picker.waitFor();
    expect(await picker.locator('option').allTextContents()).toEqual(['Not set', 'Sales channel']);
    expect(await page.getByRole('textbox', { name: 'Slack webhook URL (deprecated)' }).count()).toBe(0);
    await picker.selectOption({ label: 'Sales channel' });
    await saved();
    const [credential] = await credentials();
    expect((await stack.api('GET', '/api/workflows/alerts')).body.draft.nodes[1].config.slackCredential).toBe(
      credential?.id,
    );
    expect((await credentials())[0]?.usedBy).toEqual(['alerts']);
    await picker.scrollIntoViewIfNeeded();
    await screenshotAtBothSizes(page, 'credential-picker');

    // "New credential…" opens the Credentials page in a new tab with the field's kind chosen.
    const link = page.getByRole('link', { name: 'New credential…' }).first();
    expect(await link.getAttribute('href')).toBe('/credentials?new=slack_webhook');
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
    tab.on('pageerror', (error) => pageErrors.push(error.message));
    const dialog = tab.getByRole('dialog', { name: 'New credential' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Kind').inputValue()).toBe('slack_webhook');
    await dialog.getByLabel('Name', { exact: true }).fill('Escalations channel');
    await dialog
      .getByRole('textbox', { name: 'Incoming webhook URL' })
      .fill('https://hooks.slack.example/services/T0001/B0002/other');
    await dialog.getByRole('button', { name: 'Save credential' }).click();
    await tab.getByRole('status').filter({ hasText: 'Saved Escalations channel' }).waitFor();
    await tab.close();
    // Back in the editor: offered as soon as the window has focus again.
    await page.bringToFront();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect
      .poll(() => picker.locator('option').allTextContents())
      .toEqual(['Not set', 'Escalations channel', 'Sales channel']);
    expect(await picker.inputValue()).toBe(credential?.id);
  });

  it('shows a deprecated inline secret only while it holds one, masked, and never on a read-only version', async () => {
    await page.goto(`${stack.baseUrl}/workflows/legacy`);
    await page.getByTestId('node-alert').click();
    const inline = page.getByRole('textbox', { name: 'Slack webhook URL (deprecated)' });
    await inline.waitFor();
    expect(await inline.getAttribute('type')).toBe('password');

    await page.goto(`${stack.baseUrl}/workflows/legacy/versions/1`);
    await page.getByTestId('node-alert').click();
    await page.getByLabel('Slack webhook', { exact: true }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Slack webhook URL (deprecated)' }).count()).toBe(0);
    await page.getByText('Slack webhook URL (deprecated): set — secrets are not shown here').scrollIntoViewIfNeeded();
    expect(await page.getByRole('link', { name: 'New credential…' }).count()).toBe(0);
    expect(await page.content()).not.toContain('LEGACYinlineSECRET');
    await screenshotAtBothSizes(page, 'credential-read-only-version');
  });

  it('renames, replaces the secret (a new fingerprint), and will not delete a credential a workflow uses, naming it', async () => {
    await page.goto(`${stack.baseUrl}/credentials`);
    const table = page.getByRole('table', { name: 'Credentials' });
    await table.getByText('Escalations channel').waitFor();
    const before = (await credentials()).find((credential) => credential.name === 'Sales channel');

    await page.getByRole('button', { name: 'Rename Sales channel' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename Sales channel' });
    await rename.getByLabel('Name', { exact: true }).fill('Sales alerts channel');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await table.getByText('Sales alerts channel').waitFor();

    await page.getByRole('button', { name: 'Replace the secret of Sales alerts channel' }).click();
    const replace = page.getByRole('dialog', { name: 'Replace the secret of Sales alerts channel' });
    expect(await replace.getByRole('textbox', { name: 'Incoming webhook URL' }).inputValue()).toBe('');
    await replace
      .getByRole('textbox', { name: 'Incoming webhook URL' })
      .fill('https://hooks.slack.example/services/T0001/B0001/rotated');
    await replace.getByRole('button', { name: 'Replace secret' }).click();
    await page.getByRole('status').filter({ hasText: 'Replaced the secret of Sales alerts channel' }).waitFor();
    const after = (await credentials()).find((credential) => credential.id === before?.id);
    expect(after?.fingerprint).not.toBe(before?.fingerprint);
    await table.getByText(after?.fingerprint ?? '?').waitFor();

    await page.getByRole('button', { name: 'Delete Sales alerts channel' }).click();
    const refuse = page.getByRole('dialog', { name: 'Delete Sales alerts channel?' });
    await refuse
      .getByRole('list', { name: 'Workflows using Sales alerts channel' })
      .getByRole('link', { name: 'Sales alerts' })
      .waitFor();
    expect(await refuse.getByRole('button', { name: 'Delete credential' }).isDisabled()).toBe(true);
    await screenshotAtBothSizes(page, 'credential-delete-in-use');
    await refuse.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Delete Escalations channel' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Escalations channel?' });
    await confirm.getByText('No workflow uses it.').waitFor();
    await confirm.getByRole('button', { name: 'Delete credential' }).click();
    await confirm.waitFor({ state: 'detached' });
    await table.getByText('Escalations channel').waitFor({ state: 'detached' });
    expect((await credentials()).map((credential) => credential.name)).toEqual(['Sales alerts channel']);
    expect(pageErrors).toEqual([]);
  });

  it('is not offered to viewers', async () => {
    const viewer = (await stack.api('POST', '/api/tokens', { name: 'Ops viewer', role: 'viewer' })).body
      .token as string;
    const other = await browser.newPage({ viewport: SIZES[0] });
    await other.goto(`${stack.baseUrl}/workflows#token=${viewer}`);
    await other.getByRole('heading', { name: 'Workflows' }).waitFor();
    expect(
      await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credentials' }).count(),
    ).toBe(0);
    await other.goto(`${stack.baseUrl}/credentials`);
    await other.getByText('This page is not open to viewer tokens.').waitFor();
    await other.close();
  });
});

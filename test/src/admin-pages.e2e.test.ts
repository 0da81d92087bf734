import type { GraphDocument } from '@leadflow/engine';
import { signatureHeader } from '@leadflow/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, unlabelledControls } from './support/browser.js';
import { startTestStack, type TestStack } from './support/test-stack.js';

/** capture (api and csv; email and company required) → end. */
const importable: GraphDocument = {
  name: 'Trade show imports',
  nodes: [
    {
      id: 'capture',
      type: 'capture',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: {
        channels: ['api', 'web_form', 'webhook', 'csv'],
        requiredFields: ['email', 'company'],
        defaultCountry: 'US',
      },
    },
    { id: 'done', type: 'end', typeVersion: 1, position: { x: 200, y: 0 }, config: { outcome: 'done' } },
  ],
  edges: [{ id: 'a', source: 'capture', sourceHandle: 'out', target: 'done' }],
};

/** Two good rows around one whose email is not an address (file line 3). */
const PEOPLE = [
  'E-mail,First Name,Last Name,Company,Plan',
  'ann@alpha.example,Ann,Ames,Alpha,pro',
  'not-an-email,Bob,Bell,Beta,free',
  'cat@gamma.example,Cat,Cole,Gamma,pro',
].join('\n');

/**
 * The setup pages in Chromium on the real stack: web forms and their snippet, webhook sources and
 * their one-time secret, a CSV import followed to the end, and tokens with the audit log.
 */
describe('intake, imports and access pages in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ designer: true });
    expect(
      (await stack.api('POST', '/api/workflows', { name: importable.name, slug: 'trade-show', draft: importable }))
        .status,
    ).toBe(201);
    expect((await stack.api('POST', '/api/workflows/trade-show/publish', { note: 'imports' })).status).toBe(201);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.baseUrl });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${stack.baseUrl}/workflows#token=${stack.token}`);
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('creates a web form from the generated form and shows its public key and snippet', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Intake' }).click();
    await page.getByRole('heading', { name: 'Web forms' }).waitFor();
    await page.getByRole('button', { name: 'New web form' }).click();
    const dialog = page.getByRole('dialog', { name: 'New web form' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Demo request');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });

    const [form] = (await stack.api('GET', '/api/forms')).body.forms;
    expect(form).toMatchObject({ name: 'Demo request', active: true });
    const snippet = page.getByTestId('form-snippet');
    await snippet.waitFor();
    const html = await snippet.textContent();
    expect(html).toContain('<form');
    expect(html).toContain(form.publicKey);
    expect(html).toBe(
      await (
        await fetch(`${stack.baseUrl}/api/forms/${form.id}/snippet`, {
          headers: { authorization: `Bearer ${stack.token}` },
        })
      ).text(),
    );
    expect(await page.getByRole('table', { name: 'Web forms' }).textContent()).toContain(form.publicKey);

    await page.getByRole('button', { name: 'Copy snippet' }).click();
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
    ).toBe(html);

    // Edited through the same generated form: an origin added, the rate limit raised.
    await page.getByRole('button', { name: 'Edit Demo request' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Demo request' });
    await edit.getByLabel('New item for Allowed origins').fill('https://www.acme.example');
    await edit.getByRole('button', { name: 'Add to Allowed origins' }).click();
    await edit.getByRole('spinbutton', { name: 'Rate limit per minute' }).fill('20');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    expect((await stack.api('GET', `/api/forms/${form.id}`)).body).toMatchObject({
      allowedOrigins: ['https://www.acme.example'],
      rateLimitPerMinute: 20,
      publicKey: form.publicKey,
    });
    await page.getByRole('table', { name: 'Web forms' }).getByText('https://www.acme.example').waitFor();
  });

  it('creates a webhook source, shows its secret once (and again on rotation only), and the secret signs a delivery; deletes a form after asking', async () => {
    await page.getByRole('button', { name: 'New webhook source' }).click();
    const dialog = page.getByRole('dialog', { name: 'New webhook source' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('LinkedIn lead ads');
    await dialog.getByLabel('Workflow', { exact: true }).selectOption({ label: 'Trade show imports' });
    await dialog.getByRole('button', { name: 'Create' }).click();
    const secret =
      (await page
        .getByRole('region', { name: 'Secret of LinkedIn lead ads' })
        .getByTestId('secret-value')
        .textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole('group', { name: 'Secret' }).getByText('shown only once').waitFor();
    await page.getByText('How to sign a delivery').click();
    expect(await page.getByLabel('curl example').textContent()).toContain('leadflow-signature: t=$T,v1=$SIG');
    await screenshot(page, 'intake');
    expect(await unlabelledControls(page)).toEqual([]);

    const [source] = (await stack.api('GET', '/api/webhook-sources')).body.sources;
    expect(source.secret).toBeUndefined();
    const body = JSON.stringify({ email: 'hook@delta.example', company: 'Delta' });
    const delivery = await fetch(`${stack.baseUrl}${source.endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'leadflow-signature': signatureHeader(secret, body) },
      body,
    });
    expect([201, 202]).toContain(delivery.status);

    // Once dismissed, or after a reload, the secret is nowhere on the page.
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.reload();
    await page.getByRole('table', { name: 'Webhook sources' }).getByText('LinkedIn lead ads').waitFor();
    expect(await page.content()).not.toContain(secret);

    // Rotation shows a new secret once; the old one is still accepted for a while, and the list says until when.
    await page.getByRole('button', { name: 'Rotate the secret of LinkedIn lead ads' }).click();
    await page
      .getByRole('dialog', { name: 'Rotate the secret of LinkedIn lead ads?' })
      .getByRole('button', { name: 'Rotate secret' })
      .click();
    const rotated =
      (await page
        .getByRole('region', { name: 'Secret of LinkedIn lead ads' })
        .getByTestId('secret-value')
        .textContent()) ?? '';
    expect(rotated).not.toBe(secret);
    await page.getByRole('table', { name: 'Webhook sources' }).getByText('old secret accepted until').waitFor();

    // Deleting asks first; the form's key then stops working.
    await page.getByRole('button', { name: 'Delete Demo request' }).click();
    await page
      .getByRole('dialog', { name: 'Delete Demo request?' })
      .getByRole('button', { name: 'Delete form' })
      .click();
    await page.getByRole('table', { name: 'Web forms' }).getByText('No web forms yet.').waitFor();
    expect((await stack.api('GET', '/api/forms')).body.forms).toEqual([]);
  });

  it('imports a CSV with one bad row: progress completes, the row error names row and field, good rows reach the lead explorer', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(PEOPLE) });
    const mapping = page.getByRole('table', { name: 'Column mapping' });
    await mapping.waitFor();
    // Suggested from the headers; Plan has no lead field, so it becomes a custom one by hand.
    expect(await page.getByLabel('E-mail').inputValue()).toBe('email');
    expect(await page.getByLabel('Last Name').inputValue()).toBe('lastName');
    expect(await page.getByLabel('Plan').inputValue()).toBe('');
    await page.getByLabel('Plan').selectOption('custom.Plan');
    await page.getByLabel('Workflow', { exact: true }).selectOption('trade-show');
    await page.getByLabel('Source for rows without one').fill('trade_show_2026');
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    const progress = page.locator('[data-testid="import-progress"][data-status="completed"]');
    await progress.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-counts').textContent()).toContain('3 / 3 rows');
    expect(
      await progress.locator('progress').evaluate((element) => {
        const bar = element as unknown as { value: number; max: number };
        return bar.value === bar.max;
      }),
    ).toBe(true);
    const errors = page.getByRole('table', { name: 'Refused rows' });
    const rows = await errors.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(await errors.locator('tbody tr td').allTextContents()).toEqual([
      '3',
      'email',
      'E-mail',
      "'not-an-email' is not a valid email address",
    ]);
    await screenshot(page, 'import');
    expect(await unlabelledControls(page)).toEqual([]);

    // The same file again: nothing new, and the page says so.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-counts').filter({ hasText: 'Nothing was duplicated' }).waitFor({ timeout: 60_000 });
    const [again] = (await stack.api('GET', '/api/imports')).body.imports;
    expect(again.rows).toMatchObject({ created: 0, duplicates: 2, failed: 1 });
    expect(await page.getByRole('table', { name: 'Past imports' }).locator('tbody tr').count()).toBe(2);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
    await page.getByLabel('Source', { exact: true }).fill('trade_show_2026');
    const leads = page.getByRole('table').first();
    await leads.getByText('ann@alpha.example').waitFor();
    await leads.getByText('cat@gamma.example').waitFor();
    expect(await leads.textContent()).not.toContain('not-an-email');
    const stored = await stack.db
      .selectFrom('leads')
      .select(['email', 'custom'])
      .where('source', '=', 'trade_show_2026')
      .orderBy('email')
      .execute();
    expect(stored).toEqual([
      { email: 'ann@alpha.example', custom: { Plan: 'pro' } },
      { email: 'cat@gamma.example', custom: { Plan: 'pro' } },
    ]);
  });

  it('shows the progress bar and the pace while a larger file imports', async () => {
    const rows = 3000;
    const file = [
      'email,name,company',
      ...Array.from({ length: rows }, (_, i) => `bulk${i}@bulk.example,Bulk Person${i},Bulk Co`),
    ].join('\n');
    // Row 1502 waits on an uncommitted lead with its address, so the import holds mid-file while the page is checked.
    const workflow = await stack.db
      .selectFrom('workflows')
      .select('id')
      .where('slug', '=', 'trade-show')
      .executeTakeFirstOrThrow();
    const held = await stack.db.startTransaction().execute();
    const email = 'bulk1500@bulk.example';
    await held
      .insertInto('leads')
      .values({
        workflow_id: workflow.id,
        workflow_version: 1,
        email,
        email_normalized: email,
        fields: '{}',
        custom: '{}',
        first_touch: '{}',
        last_touch: '{}',
      })
      .execute();
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
      await page
        .getByLabel('CSV file')
        .setInputFiles({ name: 'bulk.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
      await page.getByLabel('Workflow', { exact: true }).selectOption('trade-show');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const running = page.locator('[data-testid="import-progress"][data-status="running"]');
      await running.waitFor({ timeout: 60_000 });
      await expect
        .poll(
          async () =>
            running.locator('progress').evaluate((element) => (element as unknown as { value: number }).value),
          { timeout: 60_000 },
        )
        .toBeGreaterThan(0);
      const midway = await running.locator('progress').evaluate((element) => {
        const bar = element as unknown as { value: number; max: number };
        return { value: bar.value, max: bar.max };
      });
      expect(midway.max).toBe(rows);
      expect(midway.value).toBeLessThan(rows);
      expect(await page.getByTestId('import-counts').textContent()).toMatch(
        new RegExp(`^${midway.value} / ${rows} rows · \\d+ rows/s`),
      );
    } finally {
      await held.rollback().execute();
    }
    await page.locator('[data-testid="import-progress"][data-status="completed"]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('import-counts').textContent()).toContain(`${rows} / ${rows} rows`);
    const [done] = (await stack.api('GET', '/api/imports')).body.imports;
    expect(done.rows).toMatchObject({ created: rows, failed: 0 });
    console.info(`bulk import through the page: ${rows} rows, ${done.rowsPerSecond} rows/s as the page shows it`);
  });

  it('creates a token shown once, revokes it, and finds both in the audit log', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access' }).click();
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New API token' });
    await dialog.getByLabel('Name').fill('Ops dashboard');
    await dialog.getByLabel('Role').selectOption('viewer');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const token =
      (await page.getByRole('region', { name: 'Token Ops dashboard' }).getByTestId('secret-value').textContent()) ?? '';
    const me = await fetch(`${stack.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ name: 'Ops dashboard', role: 'viewer' });
    await page.getByRole('button', { name: 'I have stored it' }).click();

    await page.getByRole('button', { name: 'Revoke Ops dashboard' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke Ops dashboard?' })
      .getByRole('button', { name: 'Revoke token' })
      .click();
    await page
      .getByRole('table', { name: 'API tokens' })
      .locator('tr', { hasText: 'Ops dashboard' })
      .locator('.badge.error')
      .waitFor();
    expect((await fetch(`${stack.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      401,
    );

    await page.getByLabel('Kind').selectOption('token');
    const audit = page.getByRole('table', { name: 'Audit log' });
    // In words: who did what to which token, with its role; never raw JSON.
    await audit.getByText('revoked token Ops dashboard').waitFor();
    await audit.getByText('created token Ops dashboard').waitFor();
    expect(await audit.locator('tbody tr').count()).toBe(2);
    expect(await audit.locator('tbody tr', { hasText: 'created token Ops dashboard' }).textContent()).toContain(
      'Role: viewer',
    );
    expect(await audit.textContent()).not.toContain('{"');
    await screenshot(page, 'access');
    expect(await unlabelledControls(page)).toEqual([]);
  });

  it('shows a viewer only the pages its role may use: imports to follow, no intake or access', async () => {
    const viewer = (await stack.api('POST', '/api/tokens', { name: 'Ops viewer', role: 'viewer' })).body
      .token as string;
    const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    other.on('pageerror', (error) => pageErrors.push(error.message));
    await other.goto(`${stack.baseUrl}/imports#token=${viewer}`);
    await other.getByRole('heading', { name: 'Past imports' }).waitFor();
    const nav = other.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['Imports']));
    expect(await nav.getByRole('link', { name: 'Intake' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Access' }).count()).toBe(0);
    expect(await other.getByLabel('CSV file').count()).toBe(0);
    expect(await other.getByRole('table', { name: 'Past imports' }).locator('tbody tr').count()).toBe(3);
    await other.goto(`${stack.baseUrl}/access`);
    await other.getByText('This page is not open to viewer tokens.').waitFor();
    await other.close();
    expect(pageErrors).toEqual([]);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser.js';
import { startTestStack, type TestStack } from './support/test-stack.js';

/**
 * The Team page in Chromium against the real server: forms generated from the API's schemas,
 * the server's errors on their fields, bulk upsert with per-row errors, and a read-only viewer.
 */
describe('Team page in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ designer: true, worker: false });
    await stack.api('POST', '/api/teams', { id: 'inbound', name: 'Inbound' });
    await stack.api('POST', '/api/territories', {
      id: 'dach',
      name: 'DACH',
      rules: { countries: ['DE', 'AT', 'CH'] },
      teamId: 'inbound',
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${stack.baseUrl}/team#token=${stack.token}`);
    await page.getByRole('heading', { name: 'Team' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("creates a rep through the generated form, showing the server's error on its field until fixed", async () => {
    await page.getByRole('tab', { name: 'Reps' }).click();
    await page.getByRole('button', { name: 'New rep' }).click();
    const panel = page.getByRole('complementary', { name: 'New rep' });
    await panel.getByRole('textbox', { name: 'Name', exact: true }).fill('Rosa Diaz');
    await panel.getByRole('textbox', { name: 'Email', exact: true }).fill('rosa@team-e2e.test');
    await panel.getByRole('combobox', { name: 'Team', exact: true }).selectOption('inbound');
    await panel.getByRole('textbox', { name: 'Time zone', exact: true }).fill('Mars/Olympus');
    await panel.getByRole('button', { name: 'Create rep' }).click();
    await panel.getByText("'Mars/Olympus' is not an IANA time zone (e.g. Europe/Berlin)").waitFor();
    // The panel takes the user to the field the server named.
    expect(
      await panel
        .getByRole('textbox', { name: 'Time zone', exact: true })
        .evaluate((element) => element === element.ownerDocument.activeElement),
    ).toBe(true);

    await panel.getByRole('textbox', { name: 'Time zone', exact: true }).fill('Europe/Berlin');
    await panel.getByRole('button', { name: 'Create rep' }).click();
    await panel.waitFor({ state: 'detached' });
    const row = page.getByRole('table', { name: 'Reps' }).getByRole('row', { name: /Rosa Diaz/ });
    await expect.poll(() => row.textContent()).toContain('Inbound');
    const stored = await stack.db
      .selectFrom('reps')
      .selectAll()
      .where('email', '=', 'rosa@team-e2e.test')
      .executeTakeFirstOrThrow();
    expect([stored.timezone, stored.team_id]).toEqual(['Europe/Berlin', 'inbound']);
  });

  it('bulk-uploads CSV: a bad row is reported by row and field and nothing is written; the fixed file goes in', async () => {
    await page.getByRole('button', { name: 'Bulk upsert…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bulk upsert reps' });
    const csv = (zone: string) =>
      `name,email,teamId,timezone,skills\nSam Lee,sam@team-e2e.test,inbound,America/New_York,enterprise; smb\nKim Ro,kim@team-e2e.test,inbound,${zone},\n`;
    await dialog.getByLabel('Rows').fill(csv('Atlantis/Deep'));
    await dialog.getByRole('button', { name: 'Upload' }).click();
    const problems = dialog.getByRole('table', { name: 'Problems by row' });
    await problems.waitFor();
    expect(await problems.getByRole('row').nth(1).textContent()).toBe(
      "2timezone'Atlantis/Deep' is not an IANA time zone (e.g. Europe/Berlin)",
    );
    await dialog.getByText('1 problem; nothing was written.').waitFor();
    expect(
      await stack.db
        .selectFrom('reps')
        .select('email')
        .where('email', 'in', ['sam@team-e2e.test', 'kim@team-e2e.test'])
        .execute(),
    ).toEqual([]);

    await dialog.getByLabel('Rows').fill(csv('Asia/Seoul'));
    await dialog.getByRole('button', { name: 'Check' }).click();
    await dialog.getByText('No problems. Uploading would create 2, update 0.').waitFor();
    await dialog.getByRole('button', { name: 'Upload' }).click();
    await dialog.getByText('Done: created 2, updated 0, 0 unchanged.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page
      .getByRole('table', { name: 'Reps' })
      .getByRole('row', { name: /Kim Ro/ })
      .waitFor();
    const sam = await stack.db
      .selectFrom('reps')
      .selectAll()
      .where('email', '=', 'sam@team-e2e.test')
      .executeTakeFirstOrThrow();
    expect(sam.skills).toEqual(['enterprise', 'smb']);

    await page.getByLabel('Search reps').fill('seoul kim');
    await expect.poll(() => page.getByRole('table', { name: 'Reps' }).getByRole('row').count()).toBe(2);
    await page.getByLabel('Search reps').fill('');
  });

  it('edits a territory: a bad employee range is refused on its field, then saved', async () => {
    await page.getByRole('tab', { name: 'Territories' }).click();
    await page.getByRole('button', { name: 'Edit territory DACH' }).click();
    const panel = page.getByRole('complementary', { name: 'Edit territory DACH' });
    await panel.getByRole('textbox', { name: 'Name', exact: true }).fill('DACH mid-market');
    await panel.getByRole('spinbutton', { name: 'Employees at least' }).fill('500');
    await panel.getByRole('spinbutton', { name: 'Employees at most' }).fill('50');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('must be at least minEmployees (500)').waitFor();
    await screenshot(page, 'team');
    await panel.getByRole('spinbutton', { name: 'Employees at most' }).fill('5000');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.waitFor({ state: 'detached' });
    const row = page.getByRole('table', { name: 'Territories' }).getByRole('row', { name: /DACH mid-market/ });
    expect(await row.textContent()).toContain('500–5000 employees');
    expect((await stack.api('GET', '/api/territories/dach')).body.rules).toEqual({
      countries: ['DE', 'AT', 'CH'],
      minEmployees: 500,
      maxEmployees: 5000,
    });
  });

  it('explains what deleting a rep does before it happens', async () => {
    await page.getByRole('tab', { name: 'Reps' }).click();
    await page.getByRole('button', { name: 'Delete rep Kim Ro' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete rep Kim Ro?' });
    await dialog.getByText(/archived instead/).waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() =>
        page
          .getByRole('table', { name: 'Reps' })
          .getByRole('row', { name: /Kim Ro/ })
          .count(),
      )
      .toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('shows a viewer everything and no way to change it', async () => {
    const viewer = (await stack.api('POST', '/api/tokens', { name: 'Vera', role: 'viewer' })).body.token as string;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const viewerPage = await context.newPage();
    await viewerPage.goto(`${stack.baseUrl}/team#token=${viewer}`);
    await viewerPage
      .getByRole('table', { name: 'Reps' })
      .getByRole('row', { name: /Rosa Diaz/ })
      .waitFor();
    expect(await viewerPage.getByRole('button', { name: 'New rep' }).count()).toBe(0);
    await viewerPage.getByRole('button', { name: 'View rep Rosa Diaz' }).click();
    expect(await viewerPage.getByRole('textbox', { name: 'Name', exact: true }).isEditable()).toBe(false);
    await context.close();
  });
});

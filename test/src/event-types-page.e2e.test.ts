import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlabelledControls } from './support/browser.js';
import { openDesigner } from './support/designer-page.js';
import { oneStepGraph } from './support/one-step-graph.js';
import { startTestStack, type TestStack } from './support/test-stack.js';
import { screenshotAtBothSizes, SIZES } from './support/two-sizes.js';

/** capture → wait for `events` → end. */
const waitGraph = (events: string[]) =>
  oneStepGraph(
    'Webinar follow-up',
    { id: 'attend', type: 'wait', typeVersion: 1, label: 'Wait for the webinar', config: { mode: 'event', events } },
    'event',
    { outcome: 'attended' },
  );

/**
 * The event catalog in Chromium on the real stack: built-in types marked, a custom type declared
 * with a data schema typed as JSON (its mistakes said in words), edited, offered in a wait's
 * form, refused deletion while a workflow waits for it (naming the workflow), then deleted.
 */
describe('event types page in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ designer: true, worker: false });
    expect(
      (
        await stack.api('POST', '/api/workflows', {
          name: 'Webinar follow-up',
          slug: 'webinars',
          draft: waitGraph(['contacted']),
        })
      ).status,
    ).toBe(201);
    ({ browser, page, pageErrors } = await openDesigner(stack.baseUrl, stack.token));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('lists the catalog: built-in types marked, and which ones callers may post', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Event types' }).click();
    const builtIn = page.getByRole('table', { name: 'Built-in event types' });
    const contacted = builtIn.locator('tr', { hasText: 'contacted' }).first();
    await contacted.waitFor();
    expect(await contacted.textContent()).toContain('your systems and reps');
    expect(await builtIn.locator('tr', { hasText: 'resubmitted' }).textContent()).toContain('Leadflow only');
    expect(await builtIn.locator('tbody tr').count()).toBe(
      (await stack.api('GET', '/api/event-types')).body.eventTypes.length,
    );
    expect(await builtIn.getByRole('button').count()).toBe(0);
    await page.getByRole('table', { name: 'Custom event types' }).getByText('None yet.', { exact: false }).waitFor();
  });

  it('declares a custom type: broken JSON and a wrong type are said in words before anything is sent', async () => {
    await page.getByRole('button', { name: 'New event type' }).click();
    const dialog = page.getByRole('dialog', { name: 'New event type' });
    const declare = dialog.getByRole('button', { name: 'Declare event type' });
    await dialog.getByLabel('Name', { exact: true }).fill('Webinar Attended');
    await dialog.getByText('use lower-case letters, digits and _').waitFor();
    await dialog.getByLabel('Name', { exact: true }).fill('webinar_attended');
    await dialog.getByLabel('Label').fill('Webinar attended');
    await dialog.getByLabel('Description').fill('The lead joined one of our webinars.');
    const schema = dialog.getByLabel('Data schema (optional)');
    await schema.fill('{ "type": "object", "properties": { "webinarId": { "type": "string" } }, }');
    await dialog.getByRole('alert').filter({ hasText: 'This is not valid JSON:' }).waitFor();
    expect(await schema.getAttribute('aria-invalid')).toBe('true');
    expect(await declare.isDisabled()).toBe(true);
    await screenshotAtBothSizes(page, 'event-type-json-error');
    await schema.fill('{ "type": "array" }');
    await dialog.getByText('Its "type" must be "object": an event\'s data is an object, not "array".').waitFor();
    await schema.fill('');
    await dialog.getByRole('button', { name: 'Start from an example' }).click();
    expect(JSON.parse(await schema.inputValue())).toMatchObject({ type: 'object', required: ['webinarId'] });
    expect(await unlabelledControls(page, 'dialog')).toEqual([]);
    await declare.click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByRole('table', { name: 'Custom event types' }).locator('tr', { hasText: 'webinar_attended' });
    await row.waitFor();
    // Postgres keeps a schema's keys in its own order: both fields, in whichever.
    expect(await row.textContent()).toContain('webinarId (string, required)');
    expect(await row.textContent()).toContain('minutes (integer)');
    expect(await row.textContent()).toContain('declared by admin');
    const stored = (await stack.api('GET', '/api/event-types/webinar_attended')).body;
    expect(stored).toMatchObject({
      label: 'Webinar attended',
      builtIn: false,
      postable: true,
      dataSchema: { required: ['webinarId'] },
    });
    await screenshotAtBothSizes(page, 'event-types');

    // A built-in name: the server's refusal under the field it names.
    await page.getByRole('button', { name: 'New event type' }).click();
    await dialog.getByLabel('Name', { exact: true }).fill('contacted');
    await dialog.getByLabel('Label').fill('Contacted again');
    await declare.click();
    await dialog.getByText("'contacted' is a built-in event type").waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('edits a custom type, and a wait node’s form offers it', async () => {
    await page.getByRole('button', { name: 'Edit Webinar attended' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Webinar attended' });
    expect(await dialog.getByLabel('Name', { exact: true }).count()).toBe(0);
    await dialog.getByLabel('Label').fill('Attended a webinar');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('table', { name: 'Custom event types' }).getByText('Attended a webinar').waitFor();
    expect((await stack.api('GET', '/api/event-types/webinar_attended')).body.label).toBe('Attended a webinar');

    await page.goto(`${stack.baseUrl}/workflows/webinars`);
    await page.getByTestId('node-attend').click();
    const add = page.getByLabel('New item for Events');
    await add.waitFor();
    expect(await add.locator('option').allTextContents()).toContain('Attended a webinar (webinar_attended)');
    await add.selectOption({ label: 'Attended a webinar (webinar_attended)' });
    await page.getByRole('button', { name: 'Add to Events' }).click();
    await page.getByTestId('save-state').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 15_000 });
    expect((await stack.api('GET', '/api/workflows/webinars')).body.draft.nodes[1].config.events).toEqual([
      'contacted',
      'webinar_attended',
    ]);
  });

  it('will not delete a type a workflow waits for, naming the workflow; deletes it once nothing does', async () => {
    await page.goto(`${stack.baseUrl}/event-types`);
    await page.getByRole('button', { name: 'Delete Attended a webinar' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Attended a webinar?' });
    await dialog.getByRole('button', { name: 'Delete event type' }).click();
    await dialog
      .getByRole('list', { name: 'Workflows using Attended a webinar' })
      .getByRole('link', { name: 'Webinar follow-up' })
      .waitFor();
    await dialog.getByRole('alert').filter({ hasText: 'One workflow uses it.' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Delete event type' }).isDisabled()).toBe(true);
    await screenshotAtBothSizes(page, 'event-type-delete-in-use');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await stack.api('GET', '/api/event-types/webinar_attended')).status).toBe(200);

    expect((await stack.api('PUT', '/api/workflows/webinars/draft', waitGraph(['contacted']))).status).toBe(200);
    await page.getByRole('button', { name: 'Delete Attended a webinar' }).click();
    await dialog.getByRole('button', { name: 'Delete event type' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Deleted Attended a webinar.' }).waitFor();
    expect((await stack.api('GET', '/api/event-types/webinar_attended')).status).toBe(404);
    expect(pageErrors).toEqual([]);
  });

  it('shows viewers the catalog read-only', async () => {
    const viewer = (await stack.api('POST', '/api/tokens', { name: 'Ops viewer', role: 'viewer' })).body
      .token as string;
    const other = await browser.newPage({ viewport: SIZES[0] });
    await other.goto(`${stack.baseUrl}/event-types#token=${viewer}`);
    await other
      .getByRole('table', { name: 'Built-in event types' })
      .locator('tr', { hasText: 'contacted' })
      .first()
      .waitFor();
    expect(await other.getByText('read only').count()).toBe(1);
    expect(await other.getByRole('button', { name: 'New event type' }).count()).toBe(0);
    await other.close();
  });
});

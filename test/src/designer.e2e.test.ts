import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragBetween, launchChromium, screenshot } from './support/browser.js';
import { untilCanvasStill } from './support/canvas.js';
import { eventually, hotLead, startTestStack, type TestStack } from './support/test-stack.js';

const source = (node: string, port: string) =>
  `.react-flow__handle.source[data-nodeid="${node}"][data-handleid="${port}"]`;
const target = (node: string) => `.react-flow__handle.target[data-nodeid="${node}"]`;

/**
 * The designer in Chromium against the real server, Temporal and Postgres: build a workflow by
 * drag and drop, configure it through the generated form, see and fix problems, undo/redo,
 * publish, capture a lead and follow its path, test-run, and compare versions.
 */
describe('designer in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  const shots: string[] = [];
  const pageErrors: string[] = [];

  const saved = () =>
    page.getByTestId('save-state').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 15_000 });

  beforeAll(async () => {
    stack = await startTestStack({ designer: true });
    await stack.api('POST', '/api/teams', { id: 'inbound', name: 'Inbound' });
    for (const name of ['Ada', 'Bo'])
      await stack.api('POST', '/api/reps', { name, email: `${name.toLowerCase()}@e2e.test`, teamId: 'inbound' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${stack.baseUrl}/workflows#token=${stack.token}`);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs in from the start link and lists workflows', async () => {
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
    expect(page.url()).not.toContain('token=');
    // Kept for this tab only: the start link does not remember the token on the computer.
    const kept = await page.evaluate(() => [
      sessionStorage.getItem('leadflow.token'),
      localStorage.getItem('leadflow.token'),
    ]);
    expect(kept).toEqual([stack.token, null]);
  });

  it('builds a workflow by drag and drop, paints problems, and is fixed through the generated form', async () => {
    await page.getByRole('button', { name: 'New workflow' }).click();
    await page.getByLabel('Name').fill('Demo routing');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/workflows\/demo-routing$/);
    await page.getByTestId('node-capture').waitFor();

    await page.dragAndDrop('[data-testid="palette-assign"]', '.canvas', { targetPosition: { x: 420, y: 120 } });
    await page.dragAndDrop('[data-testid="palette-end"]', '.canvas', { targetPosition: { x: 420, y: 380 } });
    await page.dragAndDrop('[data-testid="palette-end"]', '.canvas', { targetPosition: { x: 560, y: 520 } });
    expect(await page.locator('.react-flow__node').count()).toBe(4);
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await untilCanvasStill(page);

    await dragBetween(page, source('capture', 'out'), target('assign'));
    await dragBetween(page, source('assign', 'assigned'), target('end'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    // A port leads to one node: connecting it again re-routes it, and one undo puts it back.
    await dragBetween(page, source('capture', 'out'), target('end-2'));
    await expect
      .poll(
        async () =>
          await page
            .locator('.react-flow__edge')
            .evaluateAll((edges) => edges.map((edge) => edge.getAttribute('data-id'))),
      )
      .toHaveLength(2);
    await saved();
    expect(
      (await stack.api('GET', '/api/workflows/demo-routing')).body.draft.edges
        .filter((edge: { source: string }) => edge.source === 'capture')
        .map((edge: { target: string }) => edge.target),
    ).toEqual(['end-2']);
    await page.keyboard.press('Control+z');
    await saved();
    expect(
      (await stack.api('GET', '/api/workflows/demo-routing')).body.draft.edges
        .filter((edge: { source: string }) => edge.source === 'capture')
        .map((edge: { target: string }) => edge.target),
    ).toEqual(['assign']);

    // (A refused connection and its message: designer-ux.e2e.test.ts, fresh state.)

    // The server's problems are painted: end-2 unreachable, assign's "unassigned" port unwired.
    await saved();
    await expect.poll(() => page.locator('.lf-node.has-problems').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    await page.getByRole('tab', { name: /Problems/ }).click();
    expect(await page.getByRole('list', { name: 'Problems' }).textContent()).toContain(
      "the 'Nobody available' path leads nowhere",
    );

    // The form: clearing the team is an error on that field; picking one fixes it.
    await page.getByTestId('node-assign').click();
    await page.getByRole('tab', { name: 'Node' }).click();
    const team = page.locator('#node-assign-team');
    await team.selectOption('');
    await saved();
    await page.locator('.config-panel').getByText('choose a team').first().waitFor();
    shots.push(await screenshot(page, 'side-panel-form-error'));
    await team.selectOption('inbound');
    await saved();
    await expect.poll(() => page.locator('.config-panel').getByText('choose a team').count()).toBe(0);

    // Choosing a node centres it; bring every node back into view before connecting.
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await untilCanvasStill(page);
    await dragBetween(page, source('assign', 'unassigned'), target('end-2'));
    await saved();
    await expect.poll(() => page.locator('.lf-node.has-problems').count()).toBe(0);
    expect(await page.getByTestId('publish').isEnabled()).toBe(true);
    shots.push(await screenshot(page, 'canvas'));
  });

  it('undoes and redoes with the keyboard and the buttons', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);
    await page.getByRole('button', { name: /Undo/ }).click();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await page.getByRole('button', { name: /Redo/ }).click();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);
    await saved();
    const draft = (await stack.api('GET', '/api/workflows/demo-routing')).body.draft;
    expect(draft.edges).toHaveLength(3);
  });

  it('adds a node from the palette with the keyboard', async () => {
    const before = await page.locator('.react-flow__node').count();
    await page.getByTestId('palette-update').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before + 1);
    expect(await page.getByRole('heading', { name: 'Update lead' }).count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before);
    await saved();
  });

  it('test-runs the draft in the browser and shows the path without side effects', async () => {
    await page.getByRole('tab', { name: 'Test run' }).click();
    await page.getByTestId('run-test').click();
    await page.getByTestId('test-outcome').filter({ hasText: 'Completed in 3 steps' }).waitFor();
    expect(await page.locator('.lf-node.mark-visited').count()).toBe(3);
    expect(await page.locator('.test-result').textContent()).toMatch(/round robin/i);
    shots.push(await screenshot(page, 'test-run'));
    const leads = await stack.api('GET', '/api/leads');
    expect(leads.body.leads).toHaveLength(0);
    await page.getByRole('button', { name: 'Clear path' }).click();
  });

  it('publishes with a note, then captures a lead and shows its path on the version it ran', async () => {
    await page.getByTestId('publish').click();
    await page.getByLabel('What changed and why').fill('First routing: everyone to inbound');
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 1').waitFor();

    const captured = await stack.api('POST', '/api/leads', { ...hotLead(1), workflow: 'demo-routing' });
    expect(captured.status).toBe(201);
    const id: string = captured.body.lead.id;
    await eventually(
      async () => (await stack.api('GET', `/api/leads/${id}`)).body.run.status === 'completed',
      'the lead to finish',
    );

    await page.goto(`${stack.baseUrl}/leads/${id}`);
    await page.getByTestId('run-status').filter({ hasText: 'completed' }).waitFor();
    await expect.poll(() => page.locator('.lf-node.mark-visited').count()).toBe(3);
    expect(await page.locator('.react-flow__edge.edge-taken').count()).toBe(2);
    expect(await page.getByTestId('assignment-reason').textContent()).toMatch(/round robin/i);
    expect(await page.getByTestId('timeline-step').count()).toBe(3);
    shots.push(await screenshot(page, 'lead-path'));
  });

  it('shows new leads live in the explorer', async () => {
    await page.goto(`${stack.baseUrl}/leads`);
    await page.getByTestId('live-state').filter({ hasText: 'Live' }).waitFor();
    await expect.poll(() => page.getByTestId('lead-row').count()).toBe(1);
    await stack.api('POST', '/api/leads', { ...hotLead(2), workflow: 'demo-routing' });
    await expect.poll(() => page.getByTestId('lead-row').count(), { timeout: 15_000 }).toBe(2);
    shots.push(await screenshot(page, 'lead-explorer'));
  });

  it('compares two versions, highlighting what changed', async () => {
    await page.goto(`${stack.baseUrl}/workflows/demo-routing`);
    await page.getByTestId('node-end').click();
    // A label alone changes no lead's path (publishing it is refused as unchanged); the status does.
    await page.getByLabel('Label').fill('Routed');
    await page.getByLabel('Set lead status').fill('routed');
    await saved();
    await page.getByTestId('publish').click();
    await page.getByLabel('What changed and why').fill('Name the end');
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 2').waitFor();

    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('list', { name: 'Published versions' }).getByText('Name the end').waitFor();
    await page.locator('#compare-from').selectOption('1');
    await page.locator('#compare-to').selectOption('2');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByTestId('changes').waitFor();
    expect(await page.getByTestId('changes').textContent()).toContain('end');
    expect(await page.getByTestId('changes').textContent()).toContain('label, config.status');
    expect(await page.locator('.lf-node.mark-changed').count()).toBe(1);
    shots.push(await screenshot(page, 'version-compare'));
  });

  it('labels every form control and raised no page errors', async () => {
    await page.goto(`${stack.baseUrl}/workflows/demo-routing`);
    await page.getByTestId('node-assign').click();
    const unlabelled = await page
      .locator('.side-panel input, .side-panel select, .side-panel textarea, .palette input')
      .evaluateAll((elements) =>
        elements
          .filter(
            (element) =>
              !(element as unknown as { labels?: { length: number } }).labels?.length &&
              !element.getAttribute('aria-label') &&
              !element.getAttribute('aria-labelledby'),
          )
          .map((element) => element.outerHTML.slice(0, 80)),
      );
    expect(unlabelled).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(shots.length).toBe(6);
  });
});

/// <reference lib="dom" />
import { seedExample } from '@leadflow/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragBetween, launchChromium, screenshot } from './support/browser.js';
import { canvasZoom, edgeStartOffsets, overlappingNodes, shareEdges, untilCanvasStill } from './support/canvas.js';
import { eventually, hotLead, startTestStack, type TestStack } from './support/test-stack.js';

const source = (node: string, port: string) =>
  `.canvas .react-flow__handle.source[data-nodeid="${node}"][data-handleid="${port}"]`;
const target = (node: string) => `.canvas .react-flow__handle.target[data-nodeid="${node}"]`;

interface Draft {
  nodes: Array<{
    id: string;
    type: string;
    label?: string;
    position: { x: number; y: number };
    config: Record<string, unknown>;
  }>;
  edges: Array<{ id: string; source: string; sourceHandle: string; target: string }>;
}

/** A routing workflow by country: capture → "Route by country" (Germany, France, Spain) → assigns and ends. */
function countryRouting(): Record<string, unknown> {
  const at = (x: number, y: number) => ({ x, y });
  const end = (id: string, label: string, x: number) => ({
    id,
    label,
    type: 'end',
    typeVersion: 1,
    position: at(x, 420),
    config: { outcome: label },
  });
  return {
    name: 'Country routing',
    nodes: [
      {
        id: 'capture',
        type: 'capture',
        typeVersion: 1,
        position: at(300, 0),
        config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
      },
      {
        id: 'route',
        label: 'Route by country',
        type: 'branch',
        typeVersion: 1,
        position: at(200, 160),
        config: {
          cases: [
            { port: 'germany', label: 'Germany', when: 'country == "DE"' },
            { port: 'france', label: 'France', when: 'country == "FR"' },
            { port: 'spain', label: 'Spain', when: 'country == "ES"' },
          ],
        },
      },
      end('dach', 'DACH', 0),
      end('emea', 'EMEA', 280),
      end('iberia', 'Iberia', 560),
      end('rest', 'Rest of world', 840),
    ],
    edges: [
      { id: 'e-in', source: 'capture', sourceHandle: 'out', target: 'route' },
      { id: 'e-de', source: 'route', sourceHandle: 'germany', target: 'dach' },
      { id: 'e-fr', source: 'route', sourceHandle: 'france', target: 'emea' },
      { id: 'e-es', source: 'route', sourceHandle: 'spain', target: 'iberia' },
      { id: 'e-default', source: 'route', sourceHandle: 'default', target: 'rest' },
    ],
  };
}

/**
 * The designer as a new RevOps user meets it (issue 13), in Chromium against the real server,
 * Temporal and Postgres: a start page, readable canvases, edges that follow their ports,
 * re-routing by dragging, problems in words, fresh state, names instead of ids, fast loading.
 */
describe('designer: readable, re-routable, in plain words', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const draft = async (slug: string): Promise<Draft> => (await stack.api('GET', `/api/workflows/${slug}`)).body.draft;
  const saved = () =>
    page.getByTestId('save-state').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 15_000 });
  const openEditor = async (slug: string) => {
    await page.goto(`${stack.baseUrl}/workflows/${slug}`);
    await page.locator('.canvas .react-flow__node').first().waitFor();
    await page.getByTestId('save-state').waitFor();
  };
  /** Clicks a node, fitting the view first when it is not drawn (the canvas draws only what is in view). */
  const selectNode = async (id: string) => {
    if ((await page.getByTestId(`node-${id}`).count()) === 0)
      await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.getByTestId(`node-${id}`).click();
    await page.locator('.config-panel').waitFor();
  };

  beforeAll(async () => {
    stack = await startTestStack({ designer: true });
    await seedExample(stack.services);
    await stack.api('POST', '/api/teams', { id: 'dach', name: 'DACH' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${stack.baseUrl}/#token=${stack.token}`);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('7. starts with what to do next, and creates a workflow from a template built on the guides', async () => {
    await page.getByRole('heading', { name: 'Welcome to Leadflow' }).waitFor();
    // Seeded: reps, workflows and a published version exist; no lead yet.
    await expect.poll(() => page.getByRole('heading', { name: 'Next: send leads in' }).count()).toBe(1);
    expect(await page.getByTestId('step-team').getByLabel('done').count()).toBe(1);
    expect(await page.getByTestId('step-leads').getByLabel('to do').count()).toBe(1);
    expect(await page.getByRole('list', { name: 'Templates' }).locator('li').count()).toBe(4);
    await screenshot(page, 'home-1440');

    await page.getByRole('button', { name: 'Use the template Territory routing' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/workflows\/territory-routing$/);
    await page.getByTestId('node-assign-dach').waitFor();
    await saved();
    expect(await page.getByRole('tab', { name: 'Problems' }).textContent()).toBe('Problems');
    expect(await page.getByTestId('publish').isEnabled()).toBe(true);
    expect((await draft('territory-routing')).nodes.find((node) => node.id === 'assign-dach')?.label).toBe(
      'Assign DACH',
    );
  });

  it('2. opens the seeded workflow readable: titles and port labels at 12 px or more, the entry in view, a drawn minimap', async () => {
    await openEditor('inbound');
    const zoom = await canvasZoom(page);
    const sizes = await page.evaluate(() =>
      ['.canvas .lf-title', '.canvas .lf-port-label'].map((selector) =>
        Math.min(
          ...Array.from(document.querySelectorAll(selector)).map((element) =>
            parseFloat(getComputedStyle(element).fontSize),
          ),
        ),
      ),
    );
    expect(Math.min(...sizes) * zoom).toBeGreaterThanOrEqual(12);
    const canvas = await page.locator('.canvas').boundingBox();
    const entry = await page.getByTestId('node-capture').boundingBox();
    expect(canvas && entry).toBeTruthy();
    expect(entry!.x).toBeGreaterThanOrEqual(canvas!.x);
    expect(entry!.y).toBeGreaterThanOrEqual(canvas!.y);
    expect(entry!.x + entry!.width).toBeLessThanOrEqual(canvas!.x + canvas!.width);
    expect(entry!.y + entry!.height).toBeLessThanOrEqual(canvas!.y + canvas!.height);
    // The minimap draws every node, coloured by category.
    const nodeCount = (await draft('inbound')).nodes.length;
    await expect.poll(() => page.locator('.react-flow__minimap-node').count()).toBe(nodeCount);
    const fills = await page
      .locator('.react-flow__minimap-node')
      .evaluateAll((elements) => new Set(elements.map((element) => getComputedStyle(element).fill)).size);
    expect(fills).toBeGreaterThan(3);
    await screenshot(page, 'editor-seeded-1440');
  });

  it('2. lays out top-down by default, left to right on request; the side panel collapses; a chosen node is centred', async () => {
    await openEditor('inbound');
    // The seeded workflow reads top-down; left to right is one choice away.
    expect(await page.locator('#layout-direction').inputValue()).toBe('TB');
    expect(await page.locator('.canvas .lf-node.dir-TB').count()).toBeGreaterThan(0);
    await page.locator('#layout-direction').selectOption('LR');
    await saved();
    const positions = Object.fromEntries((await draft('inbound')).nodes.map((node) => [node.id, node.position]));
    expect(positions.enrich!.x).toBeGreaterThan(positions.capture!.x);
    expect(positions.score!.x).toBeGreaterThan(positions.enrich!.x);
    expect(await page.locator('.canvas .lf-node.dir-LR').count()).toBeGreaterThan(0);
    await page.locator('#layout-direction').selectOption('TB');
    await saved();
    const again = Object.fromEntries((await draft('inbound')).nodes.map((node) => [node.id, node.position]));
    expect(again.enrich!.y).toBeGreaterThan(again.capture!.y);
    // A new workflow lays out top-down.
    const created = await stack.api('POST', '/api/workflows', { name: 'Fresh' });
    await openEditor(created.body.slug);
    expect(await page.locator('#layout-direction').inputValue()).toBe('TB');
    expect(await canvasZoom(page)).toBeLessThanOrEqual(1);

    await openEditor('inbound');
    const before = (await page.locator('.canvas').boundingBox())!.width;
    await page.getByRole('button', { name: 'Hide panel ⟩' }).click();
    expect(await page.getByRole('complementary', { name: 'Side panel' }).count()).toBe(0);
    expect((await page.locator('.canvas').boundingBox())!.width).toBeGreaterThan(before + 300);
    await page.getByRole('button', { name: '⟨ Show panel' }).click();

    // From the Problems list: a node far off screen has a problem; picking it centres the node and shows its form.
    const broken = await draft('inbound');
    const escalate = broken.nodes.find((node) => node.id === 'escalate')!;
    escalate.config.subject = '';
    expect(
      (await stack.api('PUT', '/api/workflows/inbound/draft', { name: 'Inbound lead — seven steps', ...broken }))
        .status,
    ).toBe(200);
    await openEditor('inbound');
    await page.getByRole('tab', { name: /Problems/ }).click();
    await page
      .getByRole('list', { name: 'Problems' })
      .getByRole('button', { name: "Notify 'escalate': the subject is empty" })
      .click();
    await page.locator('.config-panel').waitFor();
    await untilCanvasStill(page);
    const area = (await page.locator('.canvas').boundingBox())!;
    const node = (await page.getByTestId('node-escalate').boundingBox())!;
    expect(Math.abs(node.x + node.width / 2 - (area.x + area.width / 2))).toBeLessThan(40);
    expect(Math.abs(node.y + node.height / 2 - (area.y + area.height / 2))).toBeLessThan(40);
    expect(await page.locator('.config-panel #config-title').textContent()).toBe('Notify');
    await page.getByRole('textbox', { name: 'Subject' }).fill('SLA missed: {{fullName}}');
    await saved();
  });

  it('1. edges follow their ports when cases are reordered, added and removed', async () => {
    const created = await stack.api('POST', '/api/workflows', { name: 'Country routing', draft: countryRouting() });
    expect(created.status).toBe(201);
    await openEditor('country-routing');
    const check = async () => {
      await saved();
      const current = await draft('country-routing');
      await shareEdges(page, current.edges);
      await expect
        .poll(
          async () =>
            (await edgeStartOffsets(page))
              .filter((edge) => edge.offset > 2)
              .map((edge) => `${edge.id} off by ${edge.offset.toFixed(1)}`),
          { timeout: 5_000 },
        )
        .toEqual([]);
      expect((await edgeStartOffsets(page)).length).toBe(current.edges.length);
    };
    await check();
    await selectNode('route');
    await page.getByRole('button', { name: 'Move Case 1 down' }).click();
    await check();
    const reordered = (
      await stack.api('POST', '/api/workflows/country-routing/validate', await draft('country-routing'))
    ).body.nodes.route.ports.map((port: { name: string }) => port.name);
    expect(reordered).toEqual(['france', 'germany', 'spain', 'default']);
    await page.getByRole('button', { name: 'Add case to Cases' }).click();
    await page.locator('#node-route-cases-3__label').fill('Austria');
    await page.locator('#node-route-cases-3__when').fill('country == "AT"');
    await check();
    await page.getByRole('button', { name: 'Remove Case 1' }).click();
    await check();
    expect((await draft('country-routing')).edges.some((edge) => edge.sourceHandle === 'france')).toBe(false);
    await screenshot(page, 'editor-edges-follow-ports');
  });

  it('3. re-routes as in n8n: ports from labels, renaming keeps edges, drag an edge end, replace a used port, "+" adds a wired node, drops never cover', async () => {
    await openEditor('country-routing');
    await selectNode('route');
    // The new case got its port from its label; no port field to type.
    expect((await draft('country-routing')).nodes.find((node) => node.id === 'route')?.config.cases).toContainEqual({
      port: 'austria',
      label: 'Austria',
      when: 'country == "AT"',
    });
    expect(await page.locator('[id$="__port"]').count()).toBe(0);
    // Renaming a wired case keeps its port and its edge.
    await page.locator('#node-route-cases-0__label').fill('Germany and Switzerland');
    await saved();
    const renamed = await draft('country-routing');
    expect(renamed.edges.find((edge) => edge.target === 'dach')?.sourceHandle).toBe('germany');
    await expect
      .poll(() => page.getByTestId('node-route').locator('.lf-port-label').first().textContent())
      .toBe('Germany and Switzerland');

    // Drag the end of Germany's edge onto Rest of world: re-routed.
    const germanyEdge = renamed.edges.find((edge) => edge.sourceHandle === 'germany')!;
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    // Every node in view (choosing the branch centred it), then grab the edge just above its end
    // (the end itself sits under the target node's handle) and drop it on Rest of world.
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await untilCanvasStill(page);
    const end = (await page
      .locator(`.react-flow__edge[data-id="${germanyEdge.id}"] .react-flow__edgeupdater-target`)
      .boundingBox())!;
    const rest = (await page.locator(target('rest')).boundingBox())!;
    await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2 - 9);
    await page.mouse.down();
    await page.mouse.move(rest.x + rest.width / 2, rest.y + rest.height / 2, { steps: 12 });
    await page.mouse.up();
    await saved();
    expect(
      (await draft('country-routing')).edges
        .filter((edge) => edge.sourceHandle === 'germany')
        .map((edge) => edge.target),
    ).toEqual(['rest']);

    // Connecting a used port replaces its edge, as one undo step.
    await dragBetween(page, source('route', 'germany'), target('iberia'));
    await saved();
    let edges = (await draft('country-routing')).edges;
    expect(edges.filter((edge) => edge.sourceHandle === 'germany').map((edge) => edge.target)).toEqual(['iberia']);
    await page.keyboard.press('Control+z');
    await saved();
    edges = (await draft('country-routing')).edges;
    expect(edges.filter((edge) => edge.sourceHandle === 'germany').map((edge) => edge.target)).toEqual(['rest']);

    // "+" on the free Austria port: pick End, it is added below, wired, covering nothing.
    const before = (await draft('country-routing')).nodes.length;
    await page.getByRole('button', { name: 'Add a step after Route by country: Austria' }).click();
    await page
      .getByRole('dialog', { name: /Add a step after Route by country: Austria/ })
      .getByTestId('add-end')
      .click();
    await saved();
    const added = await draft('country-routing');
    expect(added.nodes).toHaveLength(before + 1);
    const newEnd = added.nodes.find(
      (node) => !['dach', 'emea', 'iberia', 'rest'].includes(node.id) && node.type === 'end',
    )!;
    expect(added.edges).toContainEqual(
      expect.objectContaining({ source: 'route', sourceHandle: 'austria', target: newEnd.id }),
    );
    expect(await overlappingNodes(page)).toEqual([]);

    // A node dropped on free canvas stays where it was dropped; dropped on a node, it moves aside.
    const canvas = (await page.locator('.canvas').boundingBox())!;
    await page.dragAndDrop('[data-testid="palette-task"]', '.canvas', {
      targetPosition: { x: 80, y: canvas.height - 120 },
    });
    await saved();
    const dropped = (await page.locator('.canvas .react-flow__node.selected').boundingBox())!;
    expect(Math.abs(dropped.x - (canvas.x + 80))).toBeLessThan(60);
    expect(Math.abs(dropped.y - (canvas.y + canvas.height - 120))).toBeLessThan(40);
    const dach = (await page.getByTestId('node-dach').boundingBox())!;
    await page.dragAndDrop('[data-testid="palette-update"]', '.canvas', {
      targetPosition: { x: dach.x - canvas.x + 30, y: dach.y - canvas.y + 20 },
    });
    await saved();
    expect(await overlappingNodes(page)).toEqual([]);
  });

  it('4. says problems in plain words, one per cause, and keeps the ports of an incomplete case', async () => {
    await openEditor('country-routing');
    const edgesBefore = await page.locator('.canvas .react-flow__edge').count();
    const problems = async () =>
      ((await stack.api('POST', '/api/workflows/country-routing/validate')).body.errors as Array<{ message: string }>)
        .map((problem) => problem.message)
        .sort();
    const before = await problems();
    await selectNode('route');
    await page.locator('#node-route-cases-1__when').fill('');
    await saved();
    await page.getByRole('tab', { name: /Problems/ }).click();
    const list = page.getByRole('list', { name: 'Problems' });
    const added = "Route by country, case 'Spain': the condition is empty";
    await expect.poll(() => list.locator('li').allTextContents()).toContain(added);
    // One problem for one cause: nothing behind the branch is now also "unreachable" or "leads nowhere".
    expect(await problems()).toEqual([...before, added].sort());
    expect((await list.locator('li').allTextContents()).sort()).toEqual([...before, added].sort());
    for (const text of await list.locator('li').allTextContents())
      expect(text).not.toMatch(/config\.|\[\d+\]|must NOT|fewer than|^node '/);
    // The case keeps its port, so its edge stays drawn.
    expect(await page.locator('.canvas .react-flow__edge').count()).toBe(edgesBefore);
    expect(
      await page.locator('.canvas .react-flow__handle.source[data-nodeid="route"][data-handleid="spain"]').count(),
    ).toBe(1);
    await screenshot(page, 'problems-1440');
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await saved();

    // A cleared team says "choose a team" with the node's label.
    await openEditor('territory-routing');
    await selectNode('assign-dach');
    await page.locator('#node-assign-dach-team').selectOption('');
    await saved();
    await page.getByRole('tab', { name: /Problems/ }).click();
    await expect
      .poll(() => page.getByRole('list', { name: 'Problems' }).locator('li').allTextContents())
      .toEqual(['Assign DACH: choose a team']);
    // The API says the same.
    const published = await stack.api('POST', '/api/workflows/territory-routing/publish', { note: 'x' });
    expect(published.status).toBe(422);
    expect(published.body.message).toBe('the workflow cannot be published: Assign DACH: choose a team');
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, 'problems-1280');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page
      .getByRole('list', { name: 'Problems' })
      .getByRole('button', { name: 'Assign DACH: choose a team' })
      .click();
    await page.locator('#node-assign-dach-team').selectOption('dach');
    await saved();
  });

  it('5. keeps state fresh: the header after publish, Publish only with changes, messages clear, forms from any tab, nothing scrolls off screen', async () => {
    await openEditor('territory-routing');
    expect(await page.getByTestId('live-version').textContent()).toContain('Not published yet');
    await page.getByTestId('publish').click();
    await page.getByLabel('What changed and why').fill('First version');
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 1').waitFor();
    await expect.poll(() => page.getByTestId('live-version').textContent()).toContain('Live: version 1');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    expect(await page.getByTestId('publish').getAttribute('title')).toBe(
      'Nothing to publish: the draft is the live version',
    );

    // A change enables it; the "published" note goes with the next edit.
    await selectNode('first-call');
    await page.getByLabel('Due in').fill('4h');
    await saved();
    expect(await page.getByTestId('publish').isEnabled()).toBe(true);
    expect(await page.getByText('Published version 1').count()).toBe(0);
    await page.getByTestId('publish').click();
    await page.getByLabel('What changed and why').fill('Call within 4 hours');
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByTestId('live-version').textContent()).toContain('Live: version 2');

    // A refused connection says why, and the message goes with the next action.
    await dragBetween(page, source('first-call', 'out'), target('alert-owner'));
    await page
      .locator('.canvas-status')
      .filter({ hasText: 'Cannot connect: this closes a loop without a Wait' })
      .waitFor();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await expect.poll(() => page.locator('.canvas-status').textContent()).toBe('');

    // Selecting a node shows its form whatever tab is open.
    await page.getByRole('tab', { name: 'Test run' }).click();
    await page.getByTestId('node-routed').click();
    await expect.poll(() => page.locator('.config-panel #config-title').textContent()).toBe('Routed');

    // A long form scrolls inside the panel; the editor stays on screen at both sizes.
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1440, height: 900 },
    ]) {
      await page.setViewportSize(size);
      await openEditor('inbound');
      await selectNode('score');
      const scrolled = await page.evaluate(() => ({
        scroll: document.scrollingElement!.scrollHeight,
        height: window.innerHeight,
      }));
      expect(scrolled.scroll).toBeLessThanOrEqual(scrolled.height);
      const publish = (await page.getByTestId('publish').boundingBox())!;
      expect(publish.y + publish.height).toBeLessThanOrEqual(size.height);
      expect(await page.locator('.side-panel').evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(
        true,
      );
      await screenshot(page, `editor-long-form-${size.width}`);
    }
  });

  it('6. uses names everywhere: test-run steps, the lead page, waits, fields, owners, steps in order, the audit log', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openEditor('inbound');
    await page.getByRole('tab', { name: 'Test run' }).click();
    await page.getByTestId('run-test').click();
    await page.getByTestId('test-outcome').waitFor();
    const stepNames = await page.locator('.test-result .step-node').allTextContents();
    expect(stepNames).toContain('Capture');
    expect(stepNames).toContain('Branch');
    expect(stepNames.some((name) => /^[a-z]+(-[a-z]+)*$/.test(name))).toBe(false);
    expect(await page.locator('.test-result .badge').allTextContents()).toContain('→ Tier 1: sales now');
    // A step picked in the test run is centred and shown.
    await page.locator('.test-result .step-node', { hasText: 'Assign' }).first().click();
    await expect.poll(() => page.locator('.config-panel #config-title').textContent()).toBe('Assign');

    const captured = await stack.api('POST', '/api/leads', { ...hotLead(1), workflow: 'inbound' });
    const id: string = captured.body.lead.id;
    await eventually(
      async () => (await stack.api('GET', `/api/leads/${id}`)).body.run.status === 'waiting',
      'the lead to wait for contact',
    );
    await page.goto(`${stack.baseUrl}/leads/${id}`);
    await page.getByTestId('waiting-now').waitFor();
    expect(await page.getByRole('heading', { name: /^Waiting at / }).textContent()).toBe('Waiting at Wait');
    const owner = (await stack.api('GET', `/api/leads/${id}`)).body.ownerId as string;
    const rep = (await stack.api('GET', `/api/reps/${owner}`)).body;
    const fields = page.locator('.lead-fields');
    expect(await fields.locator('dt[title="ownerId"] + dd').textContent()).toBe(rep.name);
    expect(await fields.locator('dt[title="teamId"] + dd').textContent()).toBe('Inbound sales');
    const keys = await page
      .getByTestId('field-name')
      .evaluateAll((elements) => elements.map((element) => [element.getAttribute('title'), element.textContent]));
    expect(keys.length).toBeGreaterThan(0);
    for (const [key, text] of keys) expect(text, `field ${key}`).not.toBe(key);
    expect(keys).toContainEqual(['isFreeEmail', 'Is free email']);
    const times = await page.getByTestId('timeline-step').evaluateAll((elements) => elements.length);
    expect(times).toBeGreaterThan(3);
    const stepButtons = await page.locator('.timeline .step-node').allTextContents();
    expect(stepButtons[0]).toBe('Capture');
    expect(stepButtons.some((name) => name === 'alert-owner' || name === 'await-contact')).toBe(false);
    // Choosing a step's node centres it on the graph.
    await page.locator('.timeline .step-node', { hasText: 'Notify' }).first().click();
    await untilCanvasStill(page, '.lead-canvas');
    const graph = (await page.locator('.lead-canvas').boundingBox())!;
    const notify = (await page.locator('.lead-canvas [data-testid="node-alert-owner"]').boundingBox())!;
    expect(Math.abs(notify.x + notify.width / 2 - (graph.x + graph.width / 2))).toBeLessThan(40);
    await screenshot(page, 'lead-page-1440');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.reload();
    await page.getByTestId('waiting-now').waitFor();
    await screenshot(page, 'lead-page-1280');
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.goto(`${stack.baseUrl}/access`);
    const rows = page.getByTestId('audit-row');
    await rows.first().waitFor();
    const published = rows.filter({ hasText: 'published workflow Territory routing' }).first();
    expect(await published.textContent()).toContain('version 2');
    expect(await published.textContent()).toContain('“Call within 4 hours”');
    const text = (await page.getByRole('table', { name: 'Audit log' }).textContent()) ?? '';
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-|\{"/);
    await screenshot(page, 'audit-log');
  });

  it('8. loads per page and sends compressed assets', async () => {
    const index = await fetch(`${stack.baseUrl}/workflows`, { headers: { 'accept-encoding': 'br' } });
    const html = await index.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const compressed = await fetch(`${stack.baseUrl}${asset}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(compressed.headers.get('content-encoding')).toBe('br');
    expect(compressed.headers.get('cache-control')).toContain('immutable');
    const gzipped = await fetch(`${stack.baseUrl}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');

    // The leads page does not download the editor; the editor does.
    const fresh = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await fresh.goto(`${stack.baseUrl}/leads#token=${stack.token}`);
    await fresh.getByRole('heading', { name: 'Leads' }).waitFor();
    const scripts = async () =>
      fresh.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((name) => name.endsWith('.js')),
      );
    expect((await scripts()).some((name) => /EditorPage/.test(name))).toBe(false);
    await fresh.goto(`${stack.baseUrl}/workflows/inbound`);
    await fresh.locator('.canvas .react-flow__node').first().waitFor();
    expect((await scripts()).some((name) => /EditorPage/.test(name))).toBe(true);
    await fresh.close();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

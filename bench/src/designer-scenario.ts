/// <reference lib="dom" />
/**
 * Designer scenario: a 300-node graph in headless Chromium. Measures load to first paint of the
 * canvas (navigation until every node is drawn) and frame times while dragging one node, with
 * the stack on its embedded defaults. Part of `npm run bench` when Chromium is installed
 * (`--no-designer` skips it); alone: `npm run bench:designer -w bench`.
 */
import { chromium } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, readConfig, startLeadflow } from '@leadflow/server';
import { percentile } from './stats.js';

const CHROMIUM = process.env.LEADFLOW_CHROMIUM ?? '/usr/bin/chromium';

export interface DesignerFigure {
  scenario: 'designer';
  nodes: number;
  nodesDrawnAtFitView: number;
  /** Navigation (cold page load, cache emptied) until the first node is visible: the seeded workflow and the big graph. */
  firstNodeOnScreenMs: { seeded: { runs: number[]; median: number }; big: { runs: number[]; median: number } };
  /** The same over a 10 Mbit/s link with 40 ms latency (Chromium's network emulation). */
  firstNodeOnScreenOfficeLinkMs: {
    seeded: { runs: number[]; median: number };
    big: { runs: number[]; median: number };
  };
  /** Bytes the browser downloaded for the editor page (compressed as sent). */
  editorTransferBytes: number;
  loadToFirstPaintMs: { runs: number[]; median: number };
  dragMoveToFrameMs: { moves: number; p50: number; p95: number; p99: number };
  dragFrameMs: { frames: number; p50: number; p95: number; p99: number; max: number };
}

/** Whether the designer scenario can run here (it needs Chromium). */
export const chromiumPresent = (): boolean => existsSync(CHROMIUM);

/** A long chain of update nodes ending in an end node, laid out in a grid (what a big real graph costs to draw). */
function bigGraph(count: number): unknown {
  const nodes: unknown[] = [
    {
      id: 'capture',
      type: 'capture',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
    },
  ];
  const edges: unknown[] = [];
  let previous = 'capture';
  for (let i = 1; i < count - 1; i += 1) {
    const id = `update-${i}`;
    nodes.push({
      id,
      type: 'update',
      typeVersion: 1,
      position: { x: (i % 20) * 280, y: Math.floor(i / 20) * 160 },
      config: { set: [{ field: 'status', value: `'step ${i}'` }] },
    });
    edges.push({ id: `e-${i}`, source: previous, sourceHandle: 'out', target: id });
    previous = id;
  }
  nodes.push({ id: 'end', type: 'end', typeVersion: 1, position: { x: 0, y: 16 * 160 }, config: { outcome: 'done' } });
  edges.push({ id: 'e-end', source: previous, sourceHandle: 'out', target: 'end' });
  return { name: `Designer bench ${count}`, nodes, edges };
}

/** Starts its own stack (embedded defaults), measures, stops it. */
export async function runDesignerScenario(NODES = 300): Promise<DesignerFigure> {
  const dataDir = path.join(os.tmpdir(), `leadflow-designer-bench-${randomBytes(4).toString('hex')}`);
  const token = `bench-${randomBytes(8).toString('hex')}`;
  const env = {
    ...process.env,
    LEADFLOW_DATA_DIR: dataDir,
    PORT: String(await freePort()),
    LEADFLOW_POSTGRES_PORT: String(await freePort()),
    LEADFLOW_TEMPORAL_PORT: String(await freePort()),
    LEADFLOW_TEMPORAL_UI_PORT: String(await freePort()),
  };
  console.log(`starting the stack for the designer scenario (${NODES} nodes) …`);
  const handle = await startLeadflow({ ...readConfig(env), adminToken: token }, () => undefined);
  const api = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${handle.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<{ slug: string }>;
  };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Headless Chromium paces frames with a timer; unpaced, a frame's interval is its real cost.
      '--disable-gpu-vsync',
      '--disable-frame-rate-limit',
    ],
  });
  try {
    const workflow = await api('POST', '/api/workflows', { name: `Designer bench ${NODES}`, draft: bigGraph(NODES) });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${handle.url}/workflows#token=${token}`);
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();

    // Loopback has no bandwidth limit; a second pass over an office-like link (10 Mbit/s down, 40 ms) shows what the bytes cost.
    const firstNode = async (
      slug: string,
      link?: { latency: number; downloadThroughput: number; uploadThroughput: number },
    ): Promise<number[]> => {
      const runs: number[] = [];
      for (let run = 0; run < 5; run += 1) {
        const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        if (link) {
          const cdp = await fresh.context().newCDPSession(fresh);
          await cdp.send('Network.enable');
          await cdp.send('Network.emulateNetworkConditions', { offline: false, ...link });
        }
        await fresh.addInitScript((value) => localStorage.setItem('leadflow.token', value), token);
        const started = Date.now();
        await fresh.goto(`${handle.url}/workflows/${slug}`);
        await fresh.locator('.react-flow__node').first().waitFor({ state: 'visible' });
        runs.push(Date.now() - started);
        await fresh.close();
      }
      return runs;
    };
    const seededRuns = await firstNode('inbound');
    const bigRuns = await firstNode(workflow.slug);
    const office = { latency: 40, downloadThroughput: 1.25e6, uploadThroughput: 0.625e6 };
    const seededOffice = await firstNode('inbound', office);
    const bigOffice = await firstNode(workflow.slug, office);
    const transfer = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await transfer.addInitScript((value) => localStorage.setItem('leadflow.token', value), token);
    await transfer.goto(`${handle.url}/workflows/inbound`);
    await transfer.locator('.react-flow__node').first().waitFor({ state: 'visible' });
    const editorTransferBytes = await transfer.evaluate(() => {
      const entries = [
        ...performance.getEntriesByType('resource'),
        ...performance.getEntriesByType('navigation'),
      ] as PerformanceResourceTiming[];
      return entries
        .filter((entry) => !entry.name.includes('/api/'))
        .reduce((sum, entry) => sum + entry.transferSize, 0);
    });
    await transfer.close();

    const loads: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const started = Date.now();
      await page.goto(`${handle.url}/workflows/${workflow.slug}`);
      await page.locator('.react-flow__node').first().waitFor();
      // The canvas draws only the nodes in view (onlyRenderVisibleElements); at fit view that is all of them.
      await page.getByTestId('save-state').waitFor();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      loads.push(Date.now() - started);
    }

    // Frame times while dragging one node across the canvas for ~2 s.
    const node = page.locator('.react-flow__node').first();
    const box = await node.boundingBox();
    if (!box) throw new Error('no node on screen to drag');
    await page.evaluate(() => {
      const w = window as unknown as { frames_: number[]; stop_: boolean };
      w.frames_ = [];
      w.stop_ = false;
      let last = performance.now();
      const tick = (now: number) => {
        w.frames_.push(now - last);
        last = now;
        if (!w.stop_) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.mouse.move(box.x + 30, box.y + 12);
    await page.mouse.down();
    const moves: number[] = [];
    for (let step = 0; step < 120; step += 1) {
      const at = performance.now();
      await page.mouse.move(box.x + 30 + step * 3, box.y + 12 + Math.sin(step / 10) * 60);
      // Until the page has handled the move and drawn the next frame.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      moves.push(performance.now() - at);
    }
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      const w = window as unknown as { frames_: number[]; stop_: boolean };
      w.stop_ = true;
      return w.frames_.slice(1);
    });
    const drawn = await page.locator('.react-flow__node').count();
    const result: DesignerFigure = {
      scenario: 'designer',
      nodes: NODES,
      nodesDrawnAtFitView: drawn,
      firstNodeOnScreenMs: {
        seeded: { runs: seededRuns, median: percentile(seededRuns, 0.5) },
        big: { runs: bigRuns, median: percentile(bigRuns, 0.5) },
      },
      firstNodeOnScreenOfficeLinkMs: {
        seeded: { runs: seededOffice, median: percentile(seededOffice, 0.5) },
        big: { runs: bigOffice, median: percentile(bigOffice, 0.5) },
      },
      editorTransferBytes,
      loadToFirstPaintMs: { runs: loads, median: percentile(loads, 0.5) },
      dragMoveToFrameMs: {
        moves: moves.length,
        p50: percentile(moves, 0.5),
        p95: percentile(moves, 0.95),
        p99: percentile(moves, 0.99),
      },
      dragFrameMs: {
        frames: frames.length,
        p50: percentile(frames, 0.5),
        p95: percentile(frames, 0.95),
        p99: percentile(frames, 0.99),
        max: Math.max(...frames),
      },
    };
    const first = result.firstNodeOnScreenMs;
    console.log(
      `  designer, first node on screen (cold load, median of 5): seeded workflow ${first.seeded.median} ms (runs ${seededRuns.join(', ')}), ` +
        `${NODES}-node graph ${first.big.median} ms (runs ${bigRuns.join(', ')}); static assets ${Math.round(editorTransferBytes / 1024)} KiB transferred`,
    );
    const linked = result.firstNodeOnScreenOfficeLinkMs;
    console.log(
      `  designer, first node on screen over 10 Mbit/s + 40 ms: seeded workflow ${linked.seeded.median} ms (runs ${seededOffice.join(', ')}), ` +
        `${NODES}-node graph ${linked.big.median} ms (runs ${bigOffice.join(', ')})`,
    );
    console.log(
      `  designer, ${NODES}-node graph: load to first paint median ${result.loadToFirstPaintMs.median} ms (runs ${loads.join(', ')}); drag: frame interval p50 ${result.dragFrameMs.p50.toFixed(1)} / p95 ${result.dragFrameMs.p95.toFixed(1)} / p99 ${result.dragFrameMs.p99.toFixed(1)} ms over ${frames.length} frames; mouse move → next frame p50 ${result.dragMoveToFrameMs.p50.toFixed(1)} / p95 ${result.dragMoveToFrameMs.p95.toFixed(1)} ms (${drawn} nodes drawn)`,
    );
    return result;
  } finally {
    await browser.close();
    await handle.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/** The canvas' zoom, read from React Flow's viewport transform. */
export async function canvasZoom(page: Page, scope = '.canvas'): Promise<number> {
  return page
    .locator(`${scope} .react-flow__viewport`)
    .evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);
}

/**
 * For every edge drawn, how far (in screen px) its path starts from the source handle it leaves
 * by: 0 when edges follow their ports, tens of pixels when an edge still starts at an old port.
 */
export async function edgeStartOffsets(
  page: Page,
): Promise<Array<{ id: string; source: string; handle: string; offset: number }>> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.canvas .react-flow__viewport') as HTMLElement;
    const matrix = new DOMMatrix(getComputedStyle(viewport).transform);
    const origin = (viewport.parentElement as HTMLElement).getBoundingClientRect();
    const results: Array<{ id: string; source: string; handle: string; offset: number }> = [];
    for (const edge of Array.from(document.querySelectorAll<SVGGElement>('.canvas .react-flow__edge'))) {
      const path = edge.querySelector('path.react-flow__edge-path');
      const id = edge.getAttribute('data-id') ?? '';
      const testid = edge.getAttribute('data-testid') ?? '';
      const match = /^rf__edge-(.*)$/.exec(testid);
      const d = path?.getAttribute('d') ?? '';
      const start = /^M\s*([-\d.]+)[ ,]([-\d.]+)/.exec(d);
      const edgeId = match?.[1] ?? id;
      const info = (window as unknown as { __edges?: Record<string, { source: string; sourceHandle: string }> })
        .__edges?.[edgeId];
      if (!start || !info) continue;
      const handle = document.querySelector(
        `.canvas .react-flow__handle.source[data-nodeid="${info.source}"][data-handleid="${info.sourceHandle}"]`,
      );
      if (!handle) {
        results.push({ id: edgeId, source: info.source, handle: info.sourceHandle, offset: Infinity });
        continue;
      }
      const box = handle.getBoundingClientRect();
      const x = origin.left + matrix.e + Number(start[1]) * matrix.a;
      const y = origin.top + matrix.f + Number(start[2]) * matrix.a;
      // Distance from the path's start to the handle's box (0 on or inside it): edges leave from the handle's rim.
      const dx = Math.max(box.left - x, 0, x - box.right);
      const dy = Math.max(box.top - y, 0, y - box.bottom);
      results.push({ id: edgeId, source: info.source, handle: info.sourceHandle, offset: Math.hypot(dx, dy) });
    }
    return results;
  });
}

/** Tells the page which edge leaves which port (from the saved draft), for edgeStartOffsets. */
export async function shareEdges(
  page: Page,
  edges: Array<{ id: string; source: string; sourceHandle: string }>,
): Promise<void> {
  await page.evaluate((list) => {
    (window as unknown as { __edges: Record<string, { source: string; sourceHandle: string }> }).__edges =
      Object.fromEntries(list.map((edge) => [edge.id, edge]));
  }, edges);
}

/** Whether two node cards overlap on screen. */
export async function overlappingNodes(page: Page): Promise<string[][]> {
  return page.evaluate(() => {
    const boxes = Array.from(document.querySelectorAll<HTMLElement>('.canvas .react-flow__node')).map((element) => ({
      id: element.dataset.id ?? '',
      box: element.getBoundingClientRect(),
    }));
    const pairs: string[][] = [];
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const a = boxes[i]!.box;
        const b = boxes[j]!.box;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          pairs.push([boxes[i]!.id, boxes[j]!.id]);
      }
    }
    return pairs;
  });
}

/**
 * Waits until the canvas has settled after an animated move (fit view, centring on a node,
 * auto-layout): the viewport's transform and every node's position read the same three times in a
 * row, 100 ms apart. Fails with the last positions when it keeps moving past `timeoutMs`.
 */
export async function untilCanvasStill(page: Page, scope = '.canvas', timeoutMs = 5_000): Promise<void> {
  const read = () =>
    page.evaluate((root) => {
      const canvas = document.querySelector(root);
      const viewport = canvas?.querySelector('.react-flow__viewport') as HTMLElement | null;
      const nodes = Array.from(canvas?.querySelectorAll('.react-flow__node') ?? []).map(
        (node) => (node as HTMLElement).style.transform,
      );
      return JSON.stringify([viewport ? getComputedStyle(viewport).transform : null, nodes]);
    }, scope);
  let last = await read();
  let same = 0;
  for (const deadline = Date.now() + timeoutMs; same < 2;) {
    if (Date.now() > deadline) throw new Error(`the canvas was still moving after ${timeoutMs} ms: ${last}`);
    await page.waitForTimeout(100);
    const now = await read();
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; `.ci/run` installs it. Override with LEADFLOW_CHROMIUM. */
const CHROMIUM = process.env.LEADFLOW_CHROMIUM ?? '/usr/bin/chromium';

/** Screenshots of the main screens, kept as test artifacts (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../artifacts/screenshots', import.meta.url));

/** Headless Chromium; fails (never skips) when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set LEADFLOW_CHROMIUM`,
    );
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = `${SCREENSHOT_DIR}/${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** Drags from the centre of one element to the centre of another with real mouse moves (React Flow connects on pointer events). */
export async function dragBetween(page: Page, from: string, to: string): Promise<void> {
  const source = await page.locator(from).boundingBox();
  const target = await page.locator(to).boundingBox();
  if (!source || !target) throw new Error(`cannot drag ${from} → ${to}: not on screen`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Form controls on the page that no label, aria-label or aria-labelledby names (the start of each one's HTML). */
export async function unlabelledControls(page: Page, scope = 'main'): Promise<string[]> {
  return page
    .locator(`${scope} input, ${scope} select, ${scope} textarea`)
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
}

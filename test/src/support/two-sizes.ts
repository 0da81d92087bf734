import type { Page } from 'playwright-core';
import { screenshot } from './browser.js';

/** The window sizes the designer is looked at in: a small laptop and a common desktop. */
export const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;

/** Screenshots of what is on screen at each size (`<name>-1280x720.png`, …), back to the first size after. */
export async function screenshotAtBothSizes(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `${name}-${size.width}x${size.height}`);
  }
  await page.setViewportSize(SIZES[0]);
}

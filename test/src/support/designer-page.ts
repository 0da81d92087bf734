import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { SIZES } from './two-sizes.js';

/** A browser with the designer open and signed in (at 1280×720), and the page errors it has seen. */
export interface SignedIn {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  pageErrors: string[];
}

/** Launches Chromium, signs in with `token` through the start link and waits for the workflow list. */
export async function openDesigner(baseUrl: string, token: string): Promise<SignedIn> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: SIZES[0] });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${baseUrl}/workflows#token=${token}`);
  await page.getByRole('heading', { name: 'Workflows' }).waitFor();
  return { browser, context, page, pageErrors };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedExample } from '@leadflow/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import { eventually, hotLead, startTestStack, type TestStack } from './support/test-stack.js';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

/** Collects every CSP violation a page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<() => Promise<Violation[]>> {
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (globalThis as unknown as { cspViolations: Violation[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push({ directive: event.violatedDirective, blocked: event.blockedURI, source: event.sourceFile }),
    );
  });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      consoleErrors.push(message.text());
  });
  return async () => {
    const reported = await page.evaluate(
      () => (globalThis as unknown as { cspViolations?: Violation[] }).cspViolations ?? [],
    );
    return [...reported, ...consoleErrors.map((text) => ({ directive: 'console', blocked: text, source: '' }))];
  };
}

/**
 * The designer under its Content-Security-Policy in Chromium: every page runs with no violation,
 * another site cannot frame it, and a token is kept for the tab unless the user asks to be remembered.
 */
describe('designer security in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let leadId: string;
  let ownerId: string;

  beforeAll(async () => {
    stack = await startTestStack({ designer: true });
    await seedExample(stack.services);
    leadId = (await stack.api('POST', '/api/leads', hotLead(1))).body.lead.id;
    ownerId = await eventually(
      async () => (await stack.api('GET', `/api/leads/${leadId}`)).body.ownerId ?? undefined,
      'the lead to be assigned',
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('sends a CSP without inline script and with frame-ancestors none, for the designer and for the API docs', async () => {
    // The designer's config forms compile JSON Schemas with ajv (eval); the docs need no eval.
    const scripts: Record<string, string[]> = {
      '/': ["'self'", "'unsafe-eval'"],
      '/workflows/inbound': ["'self'", "'unsafe-eval'"],
      '/docs': ["'self'"],
    };
    for (const [path, scriptSrc] of Object.entries(scripts)) {
      const response = await fetch(`${stack.baseUrl}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((part) => part.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      );
      expect(directives['script-src'], path).toEqual(scriptSrc);
      expect(directives['script-src-attr'], path).toEqual(["'none'"]);
      expect(directives['frame-ancestors'], path).toEqual(["'none'"]);
      expect(directives['object-src'], path).toEqual(["'none'"]);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    // Every answer, refusals included.
    const refused = await fetch(`${stack.baseUrl}/api/leads`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-frame-options')).toBe('DENY');
    expect(refused.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('runs every page of the designer, and the API docs, with no CSP violation; an injected inline script is blocked', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const violations = await watchViolations(page);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${stack.baseUrl}/#token=${stack.token}`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const visits: Array<[string, () => Promise<void>]> = [
      ['/workflows', () => page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor()],
      [
        '/workflows/inbound',
        async () => {
          // A node's config form: ajv compiles its schema in the browser.
          await page.getByTestId('node-score').click();
          await page.locator('.config-panel').waitFor();
        },
      ],
      ['/leads', () => page.getByRole('heading', { name: 'Leads', exact: true }).waitFor()],
      [`/leads/${leadId}`, () => page.locator('.react-flow__node').first().waitFor()],
      ['/dashboard', () => page.locator('.recharts-surface').first().waitFor()],
      ['/team', () => page.getByRole('heading', { name: 'Team', exact: true }).waitFor()],
      [
        '/intake',
        async () => {
          // A form generated from the route's body schema, checked as one types.
          await page.getByRole('button', { name: 'New web form' }).click();
          const dialog = page.getByRole('dialog', { name: 'New web form' });
          await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Checked in the browser');
          await expect.poll(() => dialog.getByRole('button', { name: 'Create' }).isEnabled()).toBe(true);
          await dialog.getByRole('button', { name: 'Cancel' }).click();
        },
      ],
      ['/imports', () => page.getByRole('heading', { name: 'Imports', exact: true }).waitFor()],
      ['/access', () => page.getByRole('heading', { name: 'API tokens' }).waitFor()],
      [`/inbox?rep=${ownerId}`, () => page.getByRole('heading', { name: 'Inbox', exact: true }).waitFor()],
    ];
    for (const [path, use] of visits) {
      // Client-side navigation, as a person clicks; the token stays in this tab.
      await page.evaluate((to) => {
        history.pushState(null, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
      }, path);
      await use();
    }
    await page.goto(`${stack.baseUrl}/docs`);
    await page.locator('.swagger-ui .opblock').first().waitFor();
    expect(await violations(), 'CSP violations while using the designer and the docs').toEqual([]);
    expect(pageErrors).toEqual([]);

    // The watch itself works: an inline script on the designer is refused and reported.
    await page.goto(`${stack.baseUrl}/workflows`);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'globalThis.inlineRan = true';
      document.body.append(script);
    });
    await expect
      .poll(async () => (await violations()).map((v) => v.directive).sort())
      .toEqual(['console', 'script-src-elem']);
    expect(await page.evaluate(() => (globalThis as unknown as { inlineRan?: boolean }).inlineRan ?? false)).toBe(
      false,
    );
    await page.close();
  });

  it('cannot be framed by another site', async () => {
    const framing: Server = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(
        `<!doctype html><title>elsewhere</title><iframe id="designer" src="${stack.baseUrl}/workflows" width="800" height="600"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => framing.listen(0, '127.0.0.1', resolve));
    try {
      const page = await browser.newPage();
      const blocked = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
      await page.goto(`http://127.0.0.1:${(framing.address() as AddressInfo).port}/`);
      await blocked;
      const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
      // Chromium replaces a refused frame with its error page: none of the designer's document is in it.
      expect(await frame?.locator('#root').count()).toBe(0);
      await page.close();
    } finally {
      framing.close();
    }
  });

  describe('tokens: where the designer keeps them, and when they expire', () => {
    const signIn = async (page: Page, remember: boolean) => {
      await page.goto(`${stack.baseUrl}/workflows`);
      await page.getByLabel('API token').fill(stack.token);
      if (remember) await page.getByLabel('Remember me on this computer').check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Workflows' }).waitFor();
    };
    const stored = (page: Page) =>
      page.evaluate(() => ({
        tab: sessionStorage.getItem('leadflow.token'),
        computer: localStorage.getItem('leadflow.token'),
      }));

    it('without "remember me": for this tab only; a new tab asks again', async () => {
      const context = await browser.newContext();
      const first = await context.newPage();
      await signIn(first, false);
      expect(await stored(first)).toEqual({ tab: stack.token, computer: null });
      await first.reload();
      await first.getByRole('heading', { name: 'Workflows' }).waitFor();

      const second = await context.newPage();
      await second.goto(`${stack.baseUrl}/workflows`);
      await second.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await stored(second)).toEqual({ tab: null, computer: null });
      await context.close();
    });

    it('with "remember me": a new tab is signed in; signing out forgets it everywhere', async () => {
      const context = await browser.newContext();
      const first = await context.newPage();
      await signIn(first, true);
      expect(await stored(first)).toEqual({ tab: stack.token, computer: stack.token });

      const second = await context.newPage();
      await second.goto(`${stack.baseUrl}/workflows`);
      await second.getByRole('heading', { name: 'Workflows' }).waitFor();
      await second.getByRole('button', { name: 'Sign out' }).click();
      await second.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await stored(second)).toEqual({ tab: null, computer: null });

      const third = await context.newPage();
      await third.goto(`${stack.baseUrl}/workflows`);
      await third.getByRole('button', { name: 'Sign in' }).waitFor();
      await context.close();
    });

    it('says why a token is refused: an expired one names its expiry', async () => {
      const { id, token } = (
        await stack.api('POST', '/api/tokens', {
          name: 'Temp viewer',
          role: 'viewer',
          expiresAt: new Date(Date.now() + 60_000).toISOString(),
        })
      ).body;
      await stack.db
        .updateTable('api_tokens')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', id)
        .execute();
      const page = await browser.newPage();
      await page.goto(`${stack.baseUrl}/workflows`);
      await page.getByLabel('API token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: "token 'Temp viewer' expired at" }).waitFor();
      await page.close();
    });

    it('issues a token that expires from the Access page, and shows when each token expires', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${stack.baseUrl}/access#token=${stack.token}`);
      await page.getByRole('button', { name: 'New token' }).click();
      const dialog = page.getByRole('dialog', { name: 'New API token' });
      await dialog.getByLabel('Name').fill('Agency, one week');
      await dialog.getByLabel('Expires').selectOption({ label: 'In 7 days' });
      await dialog.getByRole('button', { name: 'Create token' }).click();
      await page.getByRole('region', { name: 'Token Agency, one week' }).waitFor();

      const issued = (await stack.api('GET', '/api/tokens')).body.tokens.find(
        (t: { name: string }) => t.name === 'Agency, one week',
      );
      const days = (Date.parse(issued.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThan(7.01);
      const rows = page.getByRole('table', { name: 'API tokens' });
      const expires = await page.evaluate((at) => new Date(at).toLocaleString(), issued.expiresAt);
      await rows.locator('tr', { hasText: 'Agency, one week' }).getByText(expires).waitFor();
      await rows.locator('tr', { hasText: 'Temp viewer' }).locator('.badge.error', { hasText: 'expired' }).waitFor();
      expect(await rows.locator('tr', { hasText: 'Agency, one week' }).locator('.badge.error').count()).toBe(0);
      await page.close();
    });
  });
});

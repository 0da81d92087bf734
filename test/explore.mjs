// Scratch exploration against the dev stack (not committed).
import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:39411';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: +(process.env.W ?? 1440), height: +(process.env.H ?? 900) } });
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text()); });
await page.goto(`${base}/#token=dux-admin-token`);
await page.getByRole('heading', { name: 'Welcome to Leadflow' }).waitFor();
const script = process.argv[2];
const mod = await import(script);
try { await mod.default(page, base); } catch (e) { console.log('ERR', e.message); }
await browser.close();

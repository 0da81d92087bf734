import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createDatabase, type Database } from '@leadflow/engine/db';
import type { SmtpSink } from '@leadflow/nodes/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesigner, type SignedIn } from './support/designer-page.js';
import { type LeadflowProcess, processEnv, spawnLeadflow, untilReady } from './support/leadflow-process.js';
import { oneStepGraph } from './support/one-step-graph.js';
import { eventually } from './support/test-stack.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE = 'lead-enrich-clearbit';
const SOURCE = fileURLToPath(new URL(`../fixtures/node-packages/${PACKAGE}`, import.meta.url));
const INSTALLED = path.join(ROOT, 'node_modules', PACKAGE);

/** A Clearbit-style company API on loopback: knows acme.example, 404 for every other domain. */
function startCompanyApi(): Promise<{ url: string; asked: string[]; server: Server }> {
  const asked: string[] = [];
  const server = createServer((request, response) => {
    const domain = new URL(request.url ?? '/', 'http://x').searchParams.get('domain') ?? '';
    asked.push(domain);
    if (domain !== 'acme.example') return void response.writeHead(404).end('{}');
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ name: 'Acme Corp', category: { industry: 'Software' } }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/companies/find`, asked, server }),
    ),
  );
}

/**
 * A node type shipped outside this repository: the example package under test/fixtures is copied
 * to a temp folder, built with tsc against the engine's public types, packed and installed with
 * npm into Leadflow's folder, and named in LEADFLOW_NODE_PACKAGES of an API server and a separate
 * worker process. It shows in the catalog, in the designer's palette with a form made from its
 * schema, in a published graph and in a lead's history — with no change to Leadflow's code.
 */
describe('a node package named in LEADFLOW_NODE_PACKAGES', () => {
  let folder: string;
  let server: LeadflowProcess;
  let worker: LeadflowProcess;
  let smtp: SmtpSink;
  let companyApi: Awaited<ReturnType<typeof startCompanyApi>>;
  let designer: SignedIn | undefined;
  let db: Kysely<Database>;
  const token = `package-${randomBytes(6).toString('hex')}`;
  const api = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${server.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'leadflow-node-package-'));
    const source = path.join(folder, PACKAGE);
    await cp(SOURCE, source, { recursive: true });
    // The author's dev dependencies: Leadflow's engine (its public types), TypeBox, kysely and Fastify.
    await mkdir(path.join(source, 'node_modules/@leadflow'), { recursive: true });
    await symlink(path.join(ROOT, 'engine'), path.join(source, 'node_modules/@leadflow/engine'));
    for (const dependency of ['typebox', 'kysely', 'fastify'])
      await symlink(path.join(ROOT, 'node_modules', dependency), path.join(source, 'node_modules', dependency));
    // tsc reports its errors on stdout: a failed build says them.
    await run(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: source }).catch(
      (error: Error & { stdout?: string }) => {
        throw new Error(`the example package does not build: ${error.stdout ?? error.message}`);
      },
    );
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', folder], {
      cwd: source,
    });
    const tarball = path.join(folder, stdout.trim().split('\n').pop() as string);
    // Installed the way an operator would, without recording it in Leadflow's package.json.
    await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: ROOT });

    companyApi = await startCompanyApi();
    const shared = await processEnv('node-package');
    smtp = shared.smtp;
    db = createDatabase(shared.databaseUrl);
    const env = { ...shared.env, LEADFLOW_NODE_PACKAGES: PACKAGE, LEADFLOW_HTTP_ALLOW: '127.0.0.1' };
    server = await spawnLeadflow('start', { ...env, LEADFLOW_WORKER: 'off', LEADFLOW_ADMIN_TOKEN: token });
    worker = await spawnLeadflow('worker', env);
    await Promise.all([untilReady(server), untilReady(worker)]);
  }, 300_000);

  afterAll(async () => {
    await designer?.browser.close();
    await Promise.all([server?.stop(), worker?.stop()]);
    await smtp?.stop();
    await db?.destroy();
    companyApi?.server.close();
    await rm(INSTALLED, { recursive: true, force: true });
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('says at start which packages and node types it loaded', () => {
    expect(server.output()).toContain(`node package ${PACKAGE} 1.0.0 (clearbit_enrich v1)`);
    expect(worker.output()).toContain(`node package ${PACKAGE} 1.0.0 (clearbit_enrich v1)`);
  });

  it('keeps the package’s migrations in a table of their own, applied at the server’s start', async () => {
    const { rows } = await sql<{ name: string }>`SELECT name FROM node_package_migrations_lead_enrich_clearbit`.execute(
      db,
    );
    expect(rows.map((row) => row.name)).toEqual(['001-lookups']);
    const leadflowOwn = await sql<{
      name: string;
    }>`SELECT name FROM kysely_migration WHERE name LIKE '%lookups%'`.execute(db);
    expect(leadflowOwn.rows).toEqual([]);
  });

  it('lists the package’s node type in the catalog beside Leadflow’s own', async () => {
    const { status, body } = await api('GET', '/api/node-types');
    expect(status).toBe(200);
    const clearbit = body.nodeTypes.find((nodeType: { type: string }) => nodeType.type === 'clearbit_enrich');
    expect(clearbit).toMatchObject({
      version: 1,
      kind: 'activity',
      title: 'Clearbit company lookup',
      category: 'data',
      icon: '🏢',
    });
    expect(clearbit.ports.map((port: { name: string }) => port.name)).toEqual(['found', 'not_found']);
    expect(clearbit.configSchema.properties.apiUrl.title).toBe('Company API URL');
    expect(body.nodeTypes.some((nodeType: { type: string }) => nodeType.type === 'enrich')).toBe(true);
  });

  it('runs the node in a published graph: the lead is enriched from the loopback API and its history says why', async () => {
    const graph = oneStepGraph(
      'Clearbit lookup',
      {
        id: 'lookup',
        type: 'clearbit_enrich',
        typeVersion: 1,
        label: 'Look the company up',
        config: { apiUrl: companyApi.url, fillIndustry: true },
      },
      'found',
    );
    graph.nodes.push({
      id: 'unknown',
      type: 'end',
      typeVersion: 1,
      position: { x: 240, y: 320 },
      config: { outcome: 'unknown company' },
    });
    graph.edges.push({ id: 'e3', source: 'lookup', sourceHandle: 'not_found', target: 'unknown' });
    expect(
      (await api('POST', '/api/workflows', { name: 'Clearbit lookup', slug: 'clearbit', draft: graph })).status,
    ).toBe(201);
    const published = await api('POST', '/api/workflows/clearbit/publish', { note: 'with the Clearbit package' });
    expect(published.status, JSON.stringify(published.body)).toBe(201);

    const known = await api('POST', '/api/leads', {
      workflow: 'clearbit',
      email: 'ada@acme.example',
      name: 'Ada Known',
    });
    const unknown = await api('POST', '/api/leads', {
      workflow: 'clearbit',
      email: 'bo@nobody.example',
      name: 'Bo Unknown',
    });
    expect(known.status, JSON.stringify(known.body)).toBe(201);
    expect(unknown.status, JSON.stringify(unknown.body)).toBe(201);
    let last: unknown;
    const ended = (id: string) =>
      eventually(async () => {
        const history = await api('GET', `/api/leads/${id}/history`);
        last = history.body;
        return history.body.steps.some((step: { nodeType: string }) => step.nodeType === 'end')
          ? history.body
          : undefined;
      }, `lead ${id} to end`).catch((error: Error) => {
        throw new Error(
          `${error.message}\nlast history: ${JSON.stringify(last)}\nworker: ${worker.output().slice(-3000)}`,
        );
      });

    const knownHistory = await ended(known.body.lead.id);
    const lookup = knownHistory.steps.find((step: { nodeId: string }) => step.nodeId === 'lookup');
    expect(lookup).toMatchObject({
      nodeType: 'clearbit_enrich',
      status: 'completed',
      port: 'found',
      reason: 'acme.example is Acme Corp',
    });
    expect(lookup.output).toMatchObject({ domain: 'acme.example', company: 'Acme Corp', industry: 'Software' });
    expect(knownHistory.lead).toMatchObject({ company: 'Acme Corp', fields: { industry: 'Software' } });

    const unknownHistory = await ended(unknown.body.lead.id);
    expect(unknownHistory.steps.find((step: { nodeId: string }) => step.nodeId === 'lookup')).toMatchObject({
      port: 'not_found',
      reason: 'the company API does not know nobody.example',
    });
    expect(unknownHistory.steps.at(-1)).toMatchObject({ nodeId: 'unknown' });
    expect(companyApi.asked.sort()).toEqual(['acme.example', 'nobody.example']);

    // The package's own table (its migration ran at the server's start) and its own route.
    const lookups = await api('GET', `/api/packages/${PACKAGE}/lookups`);
    expect(lookups.status, JSON.stringify(lookups.body)).toBe(200);
    expect(
      lookups.body.lookups
        .map((row: { domain: string; company: string | null; leadId: string }) => [row.domain, row.company, row.leadId])
        .sort(),
    ).toEqual([
      ['acme.example', 'Acme Corp', known.body.lead.id],
      ['nobody.example', null, unknown.body.lead.id],
    ]);
    const acme = await api('GET', `/api/packages/${PACKAGE}/lookups?domain=ACME.example`);
    expect(acme.body.lookups).toHaveLength(1);
    expect((await api('GET', `/api/packages/${PACKAGE}/lookups?colour=red`)).status).toBe(400);

    // Erasing a lead reaches the package's table too (its nodeEraseLead); the other lead's lookup stays.
    const erased = await api('DELETE', `/api/leads/${known.body.lead.id}?erase=true`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const { rows } = await sql<{ lead_id: string }>`SELECT lead_id FROM clearbit_lookups`.execute(db);
    expect(rows.map((row) => row.lead_id)).toEqual([unknown.body.lead.id]);
  });

  it('holds the package’s routes to Leadflow’s access rules and documents them', async () => {
    const anonymous = await fetch(`${server.url}/api/packages/${PACKAGE}/lookups`);
    expect(anonymous.status).toBe(401);
    const issued = await api('POST', '/api/tokens', { name: 'capture form', role: 'capture' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const asCapture = await fetch(`${server.url}/api/packages/${PACKAGE}/lookups`, {
      headers: { authorization: `Bearer ${issued.body.token}` },
    });
    expect(asCapture.status).toBe(403);
    const document = await (await fetch(`${server.url}/docs/json`)).json();
    expect(document.paths[`/api/packages/${PACKAGE}/lookups`].get.summary).toBe(
      'Company lookups the Clearbit node made, newest first (100 at most)',
    );
  });

  it('test-runs the node without calling the API (its dry run)', async () => {
    const asked = companyApi.asked.length;
    const { status, body } = await api('POST', '/api/workflows/clearbit/test-run', {
      lead: { email: 'cy@acme.example', name: 'Cy Dry' },
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(JSON.stringify(body)).toContain(`would ask ${companyApi.url}?domain=acme.example`);
    expect(companyApi.asked).toHaveLength(asked);
  });

  it('shows the node in the designer’s palette, and its form is made from the package’s schema', async () => {
    designer = await openDesigner(server.url, token);
    const { page } = designer;
    await page.goto(`${server.url}/workflows/clearbit`);
    const item = page.getByTestId('palette-clearbit_enrich');
    await item.waitFor();
    expect(await item.textContent()).toContain('Clearbit company lookup');
    await page.locator('.react-flow__node', { hasText: 'Look the company up' }).click();
    await page.getByLabel('Company API URL').waitFor();
    expect(await page.getByLabel('Company API URL').inputValue()).toBe(companyApi.url);
    expect(await page.getByLabel('Fill industry').isChecked()).toBe(true);
    expect(designer.pageErrors).toEqual([]);
  });
});

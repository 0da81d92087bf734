import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, readConfig, startLeadflow, type LeadflowHandle } from '@leadflow/server';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, hotLead } from './support/test-stack.js';

/** What `npm start` runs, with nothing configured: embedded Temporal and Postgres in one data folder. */
describe('starting on the embedded defaults', () => {
  let dataDir: string;
  let handle: LeadflowHandle | undefined;
  const token = 'embedded-test-token';

  afterAll(async () => {
    await handle?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<LeadflowHandle> {
    const env = {
      LEADFLOW_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      LEADFLOW_POSTGRES_PORT: String(await freePort()),
      LEADFLOW_TEMPORAL_PORT: String(await freePort()),
      LEADFLOW_TEMPORAL_UI_PORT: String(await freePort()),
    };
    return startLeadflow({ ...readConfig(env), adminToken: token }, () => undefined);
  }

  async function api(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${handle?.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it("seeds the example on first start, and a second start finds the first one's waiting lead and carries it on", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'leadflow-embedded-'));
    await chmod(dataDir, 0o755);
    handle = await start();
    expect(handle.seeded).toBe(true);
    expect((await api('GET', '/healthz')).body.status).toBe('ok');
    const captured = await api('POST', '/api/leads', hotLead(1, 'embedded.test'));
    expect(captured.status).toBe(201);
    const id = captured.body.lead.id as string;
    await eventually(
      async () => (await api('GET', `/api/leads/${id}`)).body.run.status === 'waiting',
      'the lead to wait for contact',
    );
    await handle.stop();

    handle = await start();
    expect(handle.seeded).toBe(false);
    const workflows = await api('GET', '/api/workflows');
    expect(workflows.body.workflows.map((w: { slug: string }) => w.slug)).toEqual(['inbound', 'sla-escalation']);
    const lead = await api('GET', `/api/leads/${id}`);
    expect(lead.body.run).toMatchObject({ status: 'waiting', nodeId: 'await-contact' });
    expect((await api('POST', `/api/leads/${id}/events`, { type: 'contacted' })).body.delivered).toBe(true);
    const done = await eventually(async () => {
      const { body } = await api('GET', `/api/leads/${id}`);
      return body.run.status === 'completed' ? body : undefined;
    }, 'the lead to finish after the restart');
    expect(done.status).toBe('contacted');
  });
});

import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LeadflowProcess, spawnLeadflow, untilReady } from '../support/leadflow-process.js';
import { eventually } from '../support/test-stack.js';
import { type PostgresServer, startPostgresServer } from './postgres-server.js';
import { startTemporalCluster, type TemporalCluster } from './temporal-cluster.js';

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** A JWT (RS256) with Temporal's `permissions` claim, as an identity provider would issue it. */
function jwt(key: KeyObject, kid: string, permissions: string[]): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = base64url(
    JSON.stringify({
      sub: 'leadflow-test',
      permissions,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 3600,
    }),
  );
  return `${header}.${payload}.${base64url(sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key))}`;
}

/**
 * TEMPORAL_API_KEY against a Temporal server that checks it: the cluster's frontend accepts
 * only JWTs signed by a key it trusts and reads the namespace roles from them (Temporal Cloud's
 * API keys arrive the same way, as a bearer token). An API server and a worker with a key for
 * the `leadflow` namespace run a lead; a worker with a key the server does not trust is refused.
 */
describe('TEMPORAL_API_KEY against a Temporal cluster that checks it', () => {
  let dir: string;
  let postgres: PostgresServer;
  let temporal: TemporalCluster;
  const issuer = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const processes: LeadflowProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'leadflow-api-key-'));
    await chmod(dir, 0o755);
    const jwks = path.join(dir, 'jwks.json');
    await writeFile(
      jwks,
      JSON.stringify({
        keys: [{ ...issuer.publicKey.export({ format: 'jwk' }), kid: 'leadflow-test', alg: 'RS256', use: 'sig' }],
      }),
    );
    postgres = await startPostgresServer({ dir: path.join(dir, 'postgres') });
    const logDir = fileURLToPath(
      new URL(`../../artifacts/cluster/api-key-${Date.now().toString(36)}/`, import.meta.url),
    );
    temporal = await startTemporalCluster({
      postgres,
      dir,
      namespace: 'leadflow',
      logDir,
      auth: { jwksUri: `file://${jwks}`, adminKey: jwt(issuer.privateKey, 'leadflow-test', ['temporal-system:admin']) },
    });
    await postgres.createRole('leadflow', 'leadflow-test', 'leadflow');
  });
  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await temporal?.stop();
    await postgres?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const env = (apiKey: string): Record<string, string> => ({
    ...temporal.clientEnv,
    DATABASE_URL: postgres.url('leadflow', 'leadflow-test', 'leadflow'),
    TEMPORAL_API_KEY: apiKey,
  });

  it('runs a lead with a key for the namespace, on an API server and a worker', async () => {
    const key = jwt(issuer.privateKey, 'leadflow-test', ['leadflow:write']);
    const token = `key-${randomBytes(6).toString('hex')}`;
    const server = await spawnLeadflow('start', { ...env(key), LEADFLOW_WORKER: 'off', LEADFLOW_ADMIN_TOKEN: token });
    processes.push(server);
    await untilReady(server);
    const worker = await spawnLeadflow('worker', env(key));
    processes.push(worker);
    await untilReady(worker);
    const api = (method: string, route: string, body?: unknown) =>
      fetch(`${server.url}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((r) => r.json() as Promise<any>);
    const { lead } = await api('POST', '/api/leads', {
      email: 'keyed.person@keyed-bigco.com',
      name: 'Keyed Person',
      company: 'BigCo',
      title: 'VP Sales',
      source: 'demo_request',
    });
    await eventually(
      async () => (await api('GET', `/api/leads/${lead.id}`)).run.nodeId === 'await-contact',
      'the lead to reach its wait',
    );
    expect(
      (await api('GET', `/api/leads/${lead.id}/history`)).steps.map((step: { nodeId: string }) => step.nodeId),
    ).toEqual(expect.arrayContaining(['assign', 'alert-owner']));
    // The key never reaches the logs.
    expect(`${server.output()}${worker.output()}`).not.toContain(key);
  });

  it('refuses a key signed by someone else: worker and API server exit naming the refusal', async () => {
    const forged = jwt(stranger.privateKey, 'leadflow-test', ['leadflow:admin']);
    const worker = await spawnLeadflow('worker', env(forged));
    processes.push(worker);
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/worker failed: .*(Request unauthorized|PermissionDenied|permission denied)/i);

    const server = await spawnLeadflow('start', {
      ...env(forged),
      LEADFLOW_WORKER: 'off',
      LEADFLOW_ADMIN_TOKEN: 'unused',
    });
    processes.push(server);
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(
      /Leadflow could not start: cannot connect to Temporal at 127\.0\.0\.1:\d+ \(plain \+ API key\): .*PERMISSION_DENIED: Request unau/,
    );
    expect(`${server.output()}${worker.output()}`).not.toContain(forged);
  });
});

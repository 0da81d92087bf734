import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { Database } from '@leadflow/engine/db';
import { createDatabase, migrateToLatest } from '@leadflow/engine/db';
import { createIsolatedDatabase } from '@leadflow/engine/local-services';
import {
  buildApp,
  createAppServices,
  leadflowClient,
  leadflowCodec,
  type Security,
  startWorkerHost,
  type Actor,
  type AppServices,
  type WorkerHost,
} from '@leadflow/server';
import { Keyring, newSecretKey } from '@leadflow/engine/crypto';
import { Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import type { WorkflowBundle } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { nodeMigrationSets, type TaskTables } from '@leadflow/nodes/server';

/** Who tests that set data up through the services directly appear as in the audit log. */
export const TEST_ACTOR: Actor = { name: 'test setup', tokenId: null };

/** The built designer (`npm run build` puts it here; turbo builds it before the tests). */
export const DESIGNER_DIR = fileURLToPath(new URL('../../../designer/dist', import.meta.url));

/** The task node's table in the stack's database (it is the node's own, not in Leadflow's schema type). */
export const tasksOf = (stack: TestStack): Kysely<TaskTables> => stack.db as unknown as Kysely<TaskTables>;

export interface TestStack {
  app: FastifyInstance;
  baseUrl: string;
  token: string;
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  db: Kysely<Database>;
  services: AppServices;
  /** The stack's keyring and the payload codec its client and worker use. */
  security: Security;
  worker: WorkerHost | null;
  api<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
  startWorker(): Promise<WorkerHost>;
  stop(): Promise<void>;
}

/**
 * The real stack for one test file: a fresh database, the shared Temporal server with a task
 * queue of its own, the HTTP server on a loopback port and (unless told not to) a worker.
 */
export async function startTestStack(
  options: {
    worker?: boolean;
    smtpUrl?: string;
    designer?: boolean;
    temporalAddress?: string;
    clientInterceptors?: WorkflowClientInterceptor[];
    workflowBundle?: WorkflowBundle;
  } = {},
): Promise<TestStack> {
  const databaseUrl = await createIsolatedDatabase(inject('databaseUrl'));
  // A test that stops Temporal runs its own server; the others share one.
  const temporalAddress = options.temporalAddress ?? inject('temporalAddress');
  const taskQueue = `leadflow-test-${randomBytes(4).toString('hex')}`;
  const token = `test-${randomBytes(8).toString('hex')}`;
  const db = createDatabase(databaseUrl);
  await migrateToLatest(db, nodeMigrationSets);
  const connection = await Connection.connect({ address: temporalAddress });
  // A keyring of the stack's own, shared by its API and its worker, as LEADFLOW_SECRET_KEY would be.
  const keyring = new Keyring([newSecretKey()]);
  const security = { keyring, codec: leadflowCodec(db, keyring) };
  const client = leadflowClient(connection, undefined, security.codec, options.clientInterceptors);
  const workflowBundle = options.workflowBundle ?? { code: inject('workflowBundleCode') };
  const services = createAppServices({
    db,
    temporal: client,
    security,
    taskQueue,
    databaseUrl,
    testRunWorkflows: { workflowBundle },
  });
  const app = await buildApp(services, { adminToken: token, ...(options.designer && { designerDir: DESIGNER_DIR }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const startWorker = (): Promise<WorkerHost> =>
    startWorkerHost({
      temporalAddress,
      taskQueue,
      databaseUrl,
      mail: { smtpUrl: options.smtpUrl, from: 'Leadflow <leadflow@test.local>' },
      // Outside services in tests are local HTTP servers on loopback.
      http: { allowHosts: ['127.0.0.1', 'localhost'] },
      workflowBundle,
      keyring,
    });

  const stack: TestStack = {
    app,
    baseUrl,
    token,
    databaseUrl,
    temporalAddress,
    taskQueue,
    db,
    services,
    security,
    worker: options.worker === false ? null : await startWorker(),
    async api(method, path, body, headers = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    startWorker,
    async stop() {
      await stack.worker?.stop().catch(() => undefined);
      await app.close();
      await services.testRuns.close();
      await connection.close();
      await db.destroy();
    },
  };
  return stack;
}

/** Polls until `check` returns a value other than undefined/false, or fails with what it last saw. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 60_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A lead the example workflow scores as tier 1 (business email, senior title, demo request). */
export function hotLead(i: number, domain = 'bigco.com'): Record<string, unknown> {
  return {
    email: `buyer${i}@${domain}`,
    name: `Buyer ${i}`,
    company: 'BigCo Inc.',
    title: 'VP Operations',
    source: 'demo_request',
    country: 'US',
  };
}

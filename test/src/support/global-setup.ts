import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleLeadWorkflows } from '@leadflow/engine/worker';
import { workflowPreloadModules, workflowsPath } from '@leadflow/nodes';
import { freePort, installTemporalRuntime, startEmbeddedPostgres, startTemporalDevServer } from '@leadflow/server';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    workflowBundleCode: string;
  }
}

/**
 * Real services for every cross-package test: DATABASE_URL / TEMPORAL_ADDRESS when set, else an
 * embedded PostgreSQL and the Temporal CLI dev server. If either cannot start, the run fails.
 */
/**
 * The dev server picks its other service ports itself, after we picked the frontend's, and can
 * take that one first ("address already in use"): try again on another port, then give up.
 */
async function startTemporalOnSomeFreePort(attempts = 3): Promise<Awaited<ReturnType<typeof startTemporalDevServer>>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startTemporalDevServer({ port: await freePort() });
    } catch (error) {
      // Only a server that did not come up is worth another port; a missing CLI fails at once.
      if (
        attempt >= attempts ||
        !(error instanceof Error) ||
        !/did not start|address already in use/.test(error.message)
      )
        throw error;
      console.warn(
        `the Temporal dev server did not start (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); trying another port`,
      );
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  installTemporalRuntime();
  const stops: Array<() => Promise<void>> = [];
  let tempDir: string | undefined;

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    tempDir = await mkdtemp(path.join(tmpdir(), 'leadflow-test-'));
    // As root, Postgres runs as the `postgres` user, which must be able to enter this folder.
    await chmod(tempDir, 0o755);
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'postgres'), port: await freePort() });
    stops.push(postgres.stop);
    databaseUrl = postgres.url;
  }
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const temporal = await startTemporalOnSomeFreePort();
    stops.push(temporal.stop);
    temporalAddress = temporal.address;
  }
  const bundle = await bundleLeadWorkflows(workflowsPath, workflowPreloadModules);

  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', temporalAddress);
  project.provide('workflowBundleCode', bundle.code);

  return async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    if (tempDir) await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
  };
}

#!/usr/bin/env node
import { bootObservability } from '../observability/boot.js';

bootObservability('leadflow-worker');
// Loaded after tracing starts, so its instrumentations see pg and http load.
const { runStandaloneWorker } = await import('../runtime/standalone-worker.js');

/** A worker on its own (scale out: run more of these against the same Temporal and Postgres). */
runStandaloneWorker().catch((error: Error) => {
  console.error(`worker failed: ${error.message}`);
  process.exit(1);
});

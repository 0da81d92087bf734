#!/usr/bin/env node
import { runStandaloneWorker } from '../runtime/standalone-worker.js';

/** A worker on its own (scale out: run more of these against the same Temporal and Postgres). */
runStandaloneWorker().catch((error: Error) => {
  console.error(`worker failed: ${error.message}`);
  process.exit(1);
});

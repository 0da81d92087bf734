#!/usr/bin/env node
/** `npm run bench:designer -w bench`: the designer scenario alone (DESIGNER_BENCH_NODES, default 300). */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runDesignerScenario } from './designer-scenario.js';

const result = await runDesignerScenario(Number(process.env.DESIGNER_BENCH_NODES ?? 300)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
const dir = new URL('../results/', import.meta.url).pathname;
await mkdir(dir, { recursive: true });
await writeFile(
  path.join(dir, `designer-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
  JSON.stringify(result, null, 2),
);

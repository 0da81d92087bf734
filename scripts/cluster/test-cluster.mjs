#!/usr/bin/env node
// npm run test:cluster [-- --smoke] [--plain] [--leads N] [--rate R]
//
// Builds the Temporal server once (scripts/cluster/build-temporal.sh; cached per version), then
// runs test/src/cluster/cluster-run.cluster.ts: Postgres, a Temporal cluster on it, two API
// servers and three workers, 2,000 leads at 6/s (150 with --smoke), a worker and a server killed with
// SIGKILL mid-run, under mTLS (--plain: without TLS). Figures and logs go to
// test/artifacts/cluster/<run>/.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const env = { ...process.env };
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--smoke') env.LEADFLOW_CLUSTER_RUN = 'smoke';
  else if (args[i] === '--plain') env.LEADFLOW_CLUSTER_PLAIN = '1';
  else if (args[i] === '--leads') env.LEADFLOW_CLUSTER_LEADS = args[++i];
  else if (args[i] === '--rate') env.LEADFLOW_CLUSTER_RATE = args[++i];
  else {
    console.error(
      `unknown option ${args[i]}; usage: npm run test:cluster [-- --smoke] [--plain] [--leads N] [--rate leads/s, 0: as fast as it goes]`,
    );
    process.exit(2);
  }
}

const build = spawnSync('bash', [path.join(root, 'scripts/cluster/build-temporal.sh')], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env,
});
if (build.status !== 0) {
  console.error('✗ building the Temporal server failed');
  process.exit(build.status ?? 1);
}
const vitest = path.join(root, 'node_modules/.bin/vitest');
const run = spawnSync(vitest, ['run', '--config', 'vitest.cluster.config.ts'], {
  cwd: path.join(root, 'test'),
  stdio: 'inherit',
  env,
});
process.exit(run.status ?? 1);

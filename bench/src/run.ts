#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '@leadflow/engine/db';
import { findTemporalCli, freePort, readConfig, startLeadflow } from '@leadflow/server';
import { runCompileScenario } from './compile-scenario.js';
import { runRatePhase, type RateFigure } from './speed-to-lead-scenario.js';

const smoke = process.argv.includes('--smoke');
const rates = smoke ? [5] : [5, 10, 20, 40];
const seconds = smoke ? 4 : 15;
const sizes = [10, 100, 1000];
const results = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '—');

async function main(): Promise<void> {
  console.log(`Leadflow benchmark${smoke ? ' (smoke)' : ''}: ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`);
  const compile = runCompileScenario(sizes, smoke ? 5 : 30);
  console.log('\nCompile (validate + compile)');
  for (const figure of compile) console.log(`  ${String(figure.nodes).padStart(5)} nodes  median ${fmt(figure.medianMs, 2)} ms  p95 ${fmt(figure.p95Ms, 2)} ms`);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'leadflow-bench-'));
  chmodSync(dataDir, 0o755);
  const token = 'bench';
  const env = { ...process.env, LEADFLOW_DATA_DIR: dataDir, PORT: String(await freePort()), LEADFLOW_POSTGRES_PORT: String(await freePort()), LEADFLOW_TEMPORAL_PORT: String(await freePort()), LEADFLOW_TEMPORAL_UI_PORT: String(await freePort()) };
  console.log('\nstarting the stack …');
  const stack = await startLeadflow({ ...readConfig(env), adminToken: token }, () => undefined);
  const db = createDatabase(stack.databaseUrl);
  const figures: RateFigure[] = [];
  try {
    // One lead first: bundles are warm and connections open before anything is measured.
    await runRatePhase(stack.url, token, db, { rate: 1, seconds: 1 }, `warm${Date.now()}`);
    console.log('\nSpeed-to-lead, open loop (ms from POST to step end)');
    console.log('  rate/s  sent  err  capture p50/p95/p99   assigned p50/p95/p99   notified p50/p95/p99   done/s  cpu% lf/tmp/pg   rss MiB lf/tmp/pg');
    for (const rate of rates) {
      const f = await runRatePhase(stack.url, token, db, { rate, seconds }, String(Date.now()));
      figures.push(f);
      const trio = (s: { p50: number; p95: number; p99: number }) => `${fmt(s.p50)}/${fmt(s.p95)}/${fmt(s.p99)}`.padEnd(20);
      console.log(
        `  ${String(rate).padStart(6)}  ${String(f.sent).padStart(4)}  ${String(f.errors + f.unfinished).padStart(3)}  ${trio(f.captureMs)} ${trio(f.assignedMs)}   ${trio(f.notifiedMs)}   ${fmt(f.notifiedPerSecond, 1).padStart(5)}  ${['leadflow', 'temporal', 'postgres'].map((k) => fmt(f.cpuPercent[k] ?? NaN)).join('/').padEnd(15)}  ${['leadflow', 'temporal', 'postgres'].map((k) => fmt(f.rssMiB[k] ?? NaN)).join('/')}`,
      );
    }
  } finally {
    await db.destroy();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const cli = findTemporalCli();
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model, memoryGiB: totalmem() / 2 ** 30, node: process.version, temporalCli: cli ? execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim() : null };
  mkdirSync(results, { recursive: true });
  const file = path.join(results, `${new Date().toISOString().replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}.json`);
  writeFileSync(file, JSON.stringify({ smoke, machine, compile, speedToLead: figures }, null, 2));
  console.log(`\nraw results: ${path.relative(process.cwd(), file)}`);
  const failed = figures.reduce((sum, f) => sum + f.errors + f.unfinished, 0);
  if (failed > 0) {
    console.error(`${failed} leads failed or did not finish`);
    process.exitCode = 1;
  }
}

main().catch((error: Error) => {
  console.error(`benchmark failed: ${error.message}`);
  process.exit(1);
});

#!/usr/bin/env node
/**
 * `npm run bench`: every scenario on the real stack, each process of it apart — Postgres and the
 * Temporal dev server (embedded, or TEMPORAL_ADDRESS / DATABASE_URL), the API server (`npm
 * start` with its worker off) and the worker (`npm run worker`), plus a second server and worker
 * for the hand-written baseline. Prints markdown tables; raw JSON goes to bench/results/.
 *
 *   --smoke           everything tiny (CI): 1 rate for a few seconds, 200 parked leads
 *   --parked N        leads to park (default 10000; 0 skips)
 *   --seconds S       duration of each rate (default 15)
 *   --rates a,b,…     the rates to start from (default 5,10,25,50,100, then ×1.5 until saturated,
 *                     then once the midpoint below the first saturated rate)
 *   --max-steps N     how many rates past the list at most (default 6)
 *   --no-baseline     Leadflow only
 *   --no-designer     skip the designer scenario (also skipped when Chromium is missing)
 *   --profile         write a V8 CPU profile of the Leadflow worker and summarize it
 *   --label TEXT      a note kept with the results
 *   --variant NAME:K=V,K=V   one more Leadflow target (its own server, worker and task queue)
 *                     whose worker runs with this environment, measured interleaved with the
 *                     default one: an A/B of a worker setting, e.g.
 *                     --variant no-preload:LEADFLOW_WORKER_PRELOAD=off (repeatable)
 *   --worker-env K=V,K=V     environment for every worker (Leadflow's and the baseline's)
 *   --peer n8n        one more target: n8n 1.x (installed on demand into ~/.cache/leadflow, never a
 *                     dependency of the project) running the same flow, measured interleaved at the
 *                     same rates; the report gives Leadflow ÷ n8n (`npm run bench:peer`)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '@leadflow/engine/db';
import { BenchApi } from './bench-api.js';
import {
  BASELINE_TASK_QUEUE,
  type NodeProcess,
  startServerProcess,
  startServices,
  startWorkerProcess,
} from './bench-stack.js';
import { runCompileScenario } from './compile-scenario.js';
import { summarizeProfile } from './cpu-profile.js';
import { chromiumPresent, runDesignerScenario } from './designer-scenario.js';
import { machineFacts } from './machine.js';
import { runParkedScenario } from './parked-scenario.js';
import { usageOf } from './process-usage.js';
import { type BenchResults, findSaturation, markdownReport } from './report.js';
import { ensureN8n } from './peer/n8n-install.js';
import { startN8n } from './peer/n8n-process.js';
import { runN8nRatePhase } from './peer/n8n-scenario.js';
import { startNotifyReceiver } from './peer/notify-receiver.js';
import { type Meters, type RateFigure, runRatePhase, saturation } from './speed-to-lead-scenario.js';

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(name);
const option = (name: string): string | undefined => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const smoke = flag('--smoke');
const settings = {
  seconds: Number(option('--seconds') ?? (smoke ? 3 : 15)),
  rates: (option('--rates') ?? (smoke ? '5' : '5,10,25,50,100')).split(',').map(Number),
  maxSteps: Number(option('--max-steps') ?? (smoke ? 0 : 6)),
  parked: Number(option('--parked') ?? (smoke ? 200 : 10_000)),
  baseline: !flag('--no-baseline'),
  designer: !flag('--no-designer'),
  profile: flag('--profile'),
  label: option('--label') ?? null,
  variants: argv.flatMap((arg, i) => (arg === '--variant' ? [argv[i + 1] as string] : [])).map(parseVariant),
  workerEnv: envList(option('--worker-env') ?? ''),
  peer: option('--peer') ?? null,
};
if (settings.peer !== null && settings.peer !== 'n8n') throw new Error(`--peer knows n8n only, got '${settings.peer}'`);

function envList(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(',')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

function parseVariant(text: string): { name: string; env: Record<string, string> } {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new Error(`--variant wants NAME:KEY=VALUE,…, got '${text}'`);
  return { name: text.slice(0, colon), env: envList(text.slice(colon + 1)) };
}
const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const token = 'bench';

/**
 * The rates to try: the list, then ×1.5 steps while some target still keeps up, then once the
 * midpoint between the highest rate every target sustained and the first where all fell behind
 * (so the saturation point is known closer than a ×2 step).
 */
function* schedule(allSaturated: () => boolean, sustainedByAll: () => number | null): Generator<number> {
  let last = 0;
  for (const rate of settings.rates) {
    if (allSaturated()) break;
    yield (last = rate);
  }
  for (let step = 0; step < settings.maxSteps && !allSaturated(); step++) yield (last = Math.round(last * 1.5));
  const sustained = sustainedByAll();
  if (!smoke && allSaturated() && sustained !== null && last / sustained > 1.3)
    yield Math.round((sustained + last) / 2);
}

async function main(): Promise<void> {
  const machine = machineFacts();
  console.log(
    `Leadflow benchmark${smoke ? ' (smoke)' : ''}: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.temporalCli ?? 'external Temporal'}, load ${machine.loadAverageAtStart.join(' ')}`,
  );
  const results: BenchResults = {
    smoke,
    label: settings.label,
    settings,
    machine,
    compile: [],
    speedToLead: [],
    saturation: [],
    parked: null,
    designer: null,
    profile: null,
  };

  results.compile = runCompileScenario([10, 100, 1000], smoke ? 5 : 30);
  console.log(`compile: ${results.compile.map((c) => `${c.nodes} nodes ${c.medianMs.toFixed(2)} ms`).join(', ')}`);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'leadflow-bench-'));
  const logs = path.join(resultsDir, 'logs', stamp);
  const profileDir = settings.profile ? path.join(resultsDir, 'profiles', stamp) : undefined;
  const started: Array<Pick<NodeProcess, 'stop'>> = [];
  console.log('starting Postgres and Temporal …');
  const services = await startServices(dataDir);
  const db = createDatabase(services.databaseUrl);
  try {
    const shared: Meters = {
      ...(services.temporalPid ? { temporal: () => usageOf(services.temporalPid as number) } : {}),
      ...(services.postgresPid ? { postgres: () => usageOf(services.postgresPid as number, true) } : {}),
    };
    console.log('starting the server and the worker (separate processes) …');
    // The Leadflow server first: it seeds the example workflow and team on an empty database.
    const server = await startServerProcess({ services, token, dataDir, log: path.join(logs, 'server.log') });
    const worker = await startWorkerProcess({
      services,
      log: path.join(logs, 'worker.log'),
      profileDir,
      env: settings.workerEnv,
    });
    started.push(server, worker);
    /** A system measured at each rate: Leadflow, the baseline, a variant, or a peer. */
    interface Target {
      name: string;
      phase(rate: number, seconds: number, tag: string): Promise<RateFigure>;
    }
    const leadflowTarget = (
      name: string,
      api: BenchApi,
      meters: Meters,
    ): Target & { api: BenchApi; meters: Meters } => ({
      name,
      api,
      meters,
      phase: (rate, seconds, tag) => runRatePhase(api, db, meters, name, rate, seconds, tag, services.temporalAddress),
    });
    const leadflow = leadflowTarget('leadflow', new BenchApi(server.url, token), {
      server: server.usage,
      worker: worker.usage,
      ...shared,
    });
    const targets: Target[] = [leadflow];
    if (settings.baseline) {
      const baselineServer = await startServerProcess({
        services,
        token,
        dataDir,
        log: path.join(logs, 'baseline-server.log'),
        taskQueue: BASELINE_TASK_QUEUE,
      });
      const baselineWorker = await startWorkerProcess({
        services,
        log: path.join(logs, 'baseline-worker.log'),
        baseline: true,
        env: settings.workerEnv,
      });
      started.push(baselineServer, baselineWorker);
      targets.push(
        leadflowTarget('baseline', new BenchApi(baselineServer.url, token), {
          server: baselineServer.usage,
          worker: baselineWorker.usage,
          ...shared,
        }),
      );
    }
    for (const variant of settings.variants) {
      const taskQueue = `leadflow-bench-${variant.name}`;
      const variantServer = await startServerProcess({
        services,
        token,
        dataDir,
        log: path.join(logs, `${variant.name}-server.log`),
        taskQueue,
      });
      const variantWorker = await startWorkerProcess({
        services,
        log: path.join(logs, `${variant.name}-worker.log`),
        env: { ...settings.workerEnv, ...variant.env, LEADFLOW_TASK_QUEUE: taskQueue },
      });
      started.push(variantServer, variantWorker);
      targets.push(
        leadflowTarget(variant.name, new BenchApi(variantServer.url, token), {
          server: variantServer.usage,
          worker: variantWorker.usage,
          ...shared,
        }),
      );
    }
    if (settings.peer === 'n8n') {
      const cli = await ensureN8n();
      const receiver = await startNotifyReceiver();
      console.log('starting n8n (imports the flow, activates it) …');
      const n8n = await startN8n({ cli, dataDir, notifyUrl: receiver.url, log: path.join(logs, 'n8n.log') });
      started.push({ stop: async () => (await n8n.stop(), await receiver.close()) });
      targets.push({ name: 'n8n', phase: (rate, seconds, tag) => runN8nRatePhase(n8n, receiver, rate, seconds, tag) });
    }

    // A few leads first: bundles are warm, caches and connections open before anything is measured.
    for (const target of targets) await target.phase(2, 2, `warm${stamp}`);

    console.log(`\nspeed-to-lead, open loop, ${settings.seconds} s per rate (ms from POST: p50/p95/p99)`);
    // Per target, the lowest rate it fell behind at: it is not tried at higher rates.
    const saturatedAt = new Map<string, number>();
    const allSaturated = (): boolean => saturatedAt.size === targets.length;
    const sustainedByAll = (): number | null => {
      const rates = results.speedToLead
        .filter((f) => saturation(f) === null && f.rate < Math.min(...saturatedAt.values()))
        .map((f) => f.rate);
      return rates.length ? Math.max(...rates) : null;
    };
    let round = 0;
    for (const rate of schedule(allSaturated, sustainedByAll)) {
      // Interleaved: each target at this rate, back to back, under the same machine load; the
      // order flips every rate (A B, B A, …), so going first or second favours no target.
      const order = round++ % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order.filter((t) => (saturatedAt.get(t.name) ?? Infinity) > rate)) {
        // The round keeps emails unique when a rate repeats (a known email is merged, not created).
        const figure = await target.phase(rate, settings.seconds, `${stamp}r${round}`);
        results.speedToLead.push(figure);
        printRate(figure);
        if (saturation(figure)) saturatedAt.set(target.name, Math.min(rate, saturatedAt.get(target.name) ?? Infinity));
      }
    }
    results.saturation = targets.map((t) => findSaturation(results.speedToLead, t.name));

    if (settings.parked > 0) {
      console.log(`\nparking ${settings.parked} leads at the wait for contact …`);
      // The baseline's worker and server idle meanwhile; only Leadflow's processes are read.
      results.parked = await runParkedScenario(
        leadflow.api,
        db,
        leadflow.meters,
        settings.parked,
        stamp
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '')
          .slice(-12),
      );
      const p = results.parked;
      console.log(
        `  parked ${p.leads} in ${p.parkSeconds.toFixed(1)} s; worker ${p.rssWhileParkedMiB.worker?.toFixed(0)} MiB, temporal ${p.rssWhileParkedMiB.temporal?.toFixed(0)} MiB while parked; drained in ${p.drainSeconds.toFixed(1)} s (${p.drainedPerSecond.toFixed(1)}/s), ${p.unfinished} unfinished`,
      );
    }
  } finally {
    for (const one of started.reverse()) await one.stop();
    await db.destroy();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (profileDir) {
    results.profile = summarizeProfile(profileDir);
    if (!results.profile) console.error('no CPU profile was written');
  }

  if (settings.designer && chromiumPresent()) {
    console.log('\ndesigner scenario …');
    results.designer = await runDesignerScenario(300);
  } else if (settings.designer)
    console.log('\ndesigner scenario skipped: no Chromium (LEADFLOW_CHROMIUM or /usr/bin/chromium)');

  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${stamp}${smoke ? '-smoke' : ''}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`\n${markdownReport(results)}\n\nraw results: ${path.relative(process.cwd(), file)}`);

  const failed =
    results.speedToLead.reduce((sum, f) => sum + f.errors + f.unfinished, 0) + (results.parked?.unfinished ?? 0);
  if (smoke && failed > 0) {
    console.error(`${failed} leads failed or did not finish`);
    process.exitCode = 1;
  }
}

function printRate(f: RateFigure): void {
  const trio = (s: RateFigure['notifiedMs']) => `${f0(s.p50)}/${f0(s.p95)}/${f0(s.p99)}`;
  const names = Object.keys(f.cpuPercent);
  const cpu = names.map((p) => f0(f.cpuPercent[p])).join('/');
  const perLead = names.map((p) => f0(f.cpuMsPerLead[p])).join('/');
  console.log(
    `  ${f.target.padEnd(8)} ${String(f.rate).padStart(4)}/s  done ${f.completedPerSecond.toFixed(1).padStart(6)}/s  err ${f.errors + f.unfinished}  capture ${trio(f.captureMs)}  notified ${trio(f.notifiedMs)}  cpu% ${names.join('/')} ${cpu}  cpu ms/lead ${perLead}  machine ${f0(f.machineCpuPercent)}%${saturation(f) ? `  ← ${saturation(f)}` : ''}`,
  );
}
const f0 = (n: number | undefined): string => (n !== undefined && Number.isFinite(n) ? n.toFixed(0) : '—');

main().catch((error: Error) => {
  console.error(`benchmark failed: ${error.stack ?? error.message}`);
  process.exit(1);
});

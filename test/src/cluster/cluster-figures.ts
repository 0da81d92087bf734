import type { Database } from '@leadflow/engine/db';
import { type Usage, usageOf } from '@leadflow/bench/process-usage';
import { summarize } from '@leadflow/bench/stats';
import type { Kysely } from 'kysely';
import type { ClusterStack } from './cluster-stack.js';
import { type ExactlyOnceReport, leadsWithRetriedSteps, notifiedAt } from './exactly-once.js';
import type { SentLead } from './lead-traffic.js';
import type { ShareScraper } from './worker-shares.js';

export interface Kill {
  /** The process killed (server-1, worker-1). */
  name: string;
  what: string;
  at: number;
  leadsBefore: number;
}

export interface ClusterFigures {
  settings: Record<string, unknown>;
  leads: number;
  /** First post to last owner notified. */
  seconds: number;
  leadsPerSecond: number;
  captureSeconds: number;
  captureMs: ReturnType<typeof summarize>;
  /** Post → owner notified (the alert-owner step's end). */
  notifiedMs: ReturnType<typeof summarize>;
  workerShares: Record<string, { steps: number; percent: number; workflowTasks: number }>;
  /** The same, up to the moment the first worker was killed (all three running). */
  workerSharesBeforeKill: Record<string, { steps: number; percent: number }>;
  /** Post → notified for the leads posted before the first kill: the undisturbed latency to compare with. */
  notifiedMsBeforeKills: ReturnType<typeof summarize>;
  kills: Array<
    Kill & {
      /** Leads posted before the kill and not yet notified at it. */
      leadsInFlight: number;
      /** From the kill until the last of those was notified. */
      recoverySeconds: number;
      /** Worker kill: leads whose activity ran on the killed worker and was retried elsewhere, and when the last of them was notified. */
      leadsRetried?: number;
      retriedNotifiedAfterSeconds?: number;
      /** Server kill: requests that got no answer from it and were sent again to the other server. */
      requestsRetried?: number;
      retriedWithinSeconds?: number;
    }
  >;
  /** CPU seconds per lead by process over the traffic (capture to the last run's end), and peak RSS in MiB. */
  cpuMsPerLead: Record<string, number>;
  rssMiB: Record<string, number>;
  report: ExactlyOnceReport;
  repsMarkedContacted: number;
}

/** CPU and memory of every process of the stack, sampled every second; a killed process keeps its last sample. */
export function meterStack(stack: ClusterStack): { stop(): Record<string, { cpuSeconds: number; peakRss: number }> } {
  const pids: Record<string, () => number | undefined> = {
    ...Object.fromEntries(
      Object.entries(stack.temporal.pids).map(([service, pid]) => [`temporal-${service}`, () => pid]),
    ),
    postgres: () => stack.postgres.pid,
    ...Object.fromEntries(
      [...stack.servers, ...stack.workers].map((process) => [
        process.name,
        () => (process.child.exitCode === null && process.child.signalCode === null ? process.child.pid : undefined),
      ]),
    ),
  };
  const first: Record<string, Usage> = {};
  const last: Record<string, Usage> = {};
  const peak: Record<string, number> = {};
  const sample = (): void => {
    for (const [name, pid] of Object.entries(pids)) {
      const id = pid();
      if (id === undefined) continue;
      const usage = usageOf(id, name === 'postgres');
      if (usage.cpuSeconds === 0 && usage.rssBytes === 0) continue;
      first[name] ??= usage;
      last[name] = usage;
      peak[name] = Math.max(peak[name] ?? 0, usage.rssBytes);
    }
  };
  sample();
  const timer = setInterval(sample, 1000);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return Object.fromEntries(
        Object.keys(last).map((name) => [
          name,
          { cpuSeconds: (last[name]?.cpuSeconds ?? 0) - (first[name]?.cpuSeconds ?? 0), peakRss: peak[name] ?? 0 },
        ]),
      );
    },
  };
}

export interface FigureInputs {
  settings: Record<string, unknown>;
  sent: readonly SentLead[];
  kills: Kill[];
  captureSeconds: number;
  shares: ShareScraper;
  report: ExactlyOnceReport;
  marked: number;
  usage: Record<string, { cpuSeconds: number; peakRss: number }>;
  /** Steps per worker when the first worker was killed. */
  stepsAtFirstKill: Record<string, number>;
}

function shares(steps: Record<string, number>): Record<string, { steps: number; percent: number }> {
  const total = Object.values(steps).reduce((a, b) => a + b, 0);
  return Object.fromEntries(
    Object.keys(steps)
      .sort()
      .map((name) => [
        name,
        { steps: steps[name] ?? 0, percent: round((100 * (steps[name] ?? 0)) / Math.max(1, total)) },
      ]),
  );
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/**
 * The run's figures from the data: throughput, latencies, each worker's share, and per kill the
 * leads it caught in flight and how long until the last of them was notified (a killed worker's
 * activities are retried elsewhere once their 30 s start-to-close timeout passes; a killed
 * server's requests are retried by the client on the other one).
 */
export async function figuresOf(db: Kysely<Database>, inputs: FigureInputs): Promise<ClusterFigures> {
  const { sent, kills } = inputs;
  const notified = await notifiedAt(
    db,
    sent.map((lead) => lead.leadId),
  );
  const firstSent = Math.min(...sent.map((lead) => lead.sentAt));
  const lastNotified = Math.max(...notified.values());
  const seconds = (lastNotified - firstSent) / 1000;
  const steps = inputs.shares.steps();
  const tasks = inputs.shares.workflowTasks();
  const retried = await leadsWithRetriedSteps(
    db,
    sent.map((lead) => lead.leadId),
  );
  const firstKill = Math.min(...kills.map((kill) => kill.at));
  const notifiedMs = (lead: SentLead) => (notified.get(lead.leadId) as number) - lead.sentAt;
  return {
    settings: inputs.settings,
    leads: sent.length,
    seconds: round(seconds),
    leadsPerSecond: round(sent.length / seconds),
    captureSeconds: round(inputs.captureSeconds),
    captureMs: summarize(sent.map((lead) => lead.answeredAt - lead.sentAt)),
    notifiedMs: summarize(
      sent.flatMap((lead) => (notified.has(lead.leadId) ? [(notified.get(lead.leadId) as number) - lead.sentAt] : [])),
    ),
    workerShares: Object.fromEntries(
      Object.entries(shares(steps)).map(([name, share]) => [name, { ...share, workflowTasks: tasks[name] ?? 0 }]),
    ),
    workerSharesBeforeKill: shares(inputs.stepsAtFirstKill),
    notifiedMsBeforeKills: summarize(
      sent
        .filter((lead) => notified.has(lead.leadId) && (notified.get(lead.leadId) as number) < firstKill)
        .map(notifiedMs),
    ),
    kills: kills.map((kill) => {
      // Leads posted before the kill and not yet notified when it happened.
      const caught = sent.filter((lead) => lead.sentAt <= kill.at && (notified.get(lead.leadId) ?? Infinity) > kill.at);
      const lastCaught = Math.max(kill.at, ...caught.map((lead) => notified.get(lead.leadId) ?? kill.at));
      // Requests that got no answer from the killed server and were sent again to another.
      const resent = sent.filter((lead) => lead.failures.some((failure) => failure.server === kill.name));
      const rerun = kill.name.startsWith('worker') ? caught.filter((lead) => retried.has(lead.leadId)) : [];
      return {
        ...kill,
        leadsInFlight: caught.length,
        recoverySeconds: round((lastCaught - kill.at) / 1000),
        ...(rerun.length > 0 && {
          leadsRetried: rerun.length,
          retriedNotifiedAfterSeconds: round(
            (Math.max(...rerun.map((lead) => notified.get(lead.leadId) as number)) - kill.at) / 1000,
          ),
        }),
        ...(resent.length > 0 && {
          requestsRetried: resent.length,
          retriedWithinSeconds: round((Math.max(...resent.map((lead) => lead.answeredAt)) - kill.at) / 1000),
        }),
      };
    }),
    cpuMsPerLead: Object.fromEntries(
      Object.entries(inputs.usage).map(([name, usage]) => [name, round((1000 * usage.cpuSeconds) / sent.length)]),
    ),
    rssMiB: Object.fromEntries(
      Object.entries(inputs.usage).map(([name, usage]) => [name, round(usage.peakRss / 2 ** 20, 0)]),
    ),
    report: inputs.report,
    repsMarkedContacted: inputs.marked,
  };
}

const percentiles = (ms: ReturnType<typeof summarize>): string => `${ms.p50} / ${ms.p95} / ${ms.p99} / ${ms.max}`;

function killLine(kill: ClusterFigures['kills'][number]): string {
  const parts = [`  ${kill.what} after ${kill.leadsBefore} leads: ${kill.leadsInFlight} leads in flight`];
  parts.push(`last of them notified ${kill.recoverySeconds} s after the kill`);
  if (kill.leadsRetried) {
    parts.push(
      `${kill.leadsRetried} leads had an activity on it, retried elsewhere, last notified ${kill.retriedNotifiedAfterSeconds} s after`,
    );
  }
  if (kill.requestsRetried)
    parts.push(
      `${kill.requestsRetried} requests resent to the other server, all answered within ${kill.retriedWithinSeconds} s`,
    );
  return parts.join('; ');
}

export function printFigures(figures: ClusterFigures): void {
  const shares = (entries: Record<string, { percent: number; steps: number; workflowTasks?: number }>): string =>
    Object.entries(entries)
      .map(
        ([name, share]) =>
          `${name} ${share.percent} % (${share.steps} steps${share.workflowTasks === undefined ? '' : `, ${share.workflowTasks} workflow tasks`})`,
      )
      .join(', ');
  const lines = [
    `cluster run: ${figures.leads} leads in ${figures.seconds} s = ${figures.leadsPerSecond} leads/s (posting took ${figures.captureSeconds} s)`,
    `  capture ms p50/p95/p99/max ${percentiles(figures.captureMs)}`,
    `  notified ms p50/p95/p99/max ${percentiles(figures.notifiedMs)} (before the kills: ${percentiles(figures.notifiedMsBeforeKills)})`,
    `  worker shares before the kill: ${shares(figures.workerSharesBeforeKill)}`,
    `  worker shares overall: ${shares(figures.workerShares)}`,
    ...figures.kills.map(killLine),
    `  CPU ms per lead: ${Object.entries(figures.cpuMsPerLead)
      .map(([name, ms]) => `${name} ${ms}`)
      .join(', ')}`,
    `  peak RSS MiB: ${Object.entries(figures.rssMiB)
      .map(([name, mib]) => `${name} ${mib}`)
      .join(', ')}`,
    `  exactly once: ${JSON.stringify(figures.report)}`,
  ];
  console.log(lines.join('\n'));
}

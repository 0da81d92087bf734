import { cpus } from 'node:os';
import type { Usage } from '../process-usage.js';
import { benchLead } from '../bench-api.js';
import { machineTicks, postOpenLoop, type RateFigure } from '../speed-to-lead-scenario.js';
import { summarize } from '../stats.js';
import type { N8nProcess } from './n8n-process.js';
import type { NotifyReceiver } from './notify-receiver.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until every lead's owner is notified, or the deadline. */
async function awaitArrivals(receiver: NotifyReceiver, emails: readonly string[], deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (emails.some((email) => !receiver.arrivals.has(email)) && Date.now() < deadline) await sleep(100);
}

/** Until n8n's CPU stops moving (its executions saved), at most `maxMs`: the end of the leads' cost. */
async function awaitQuiet(usage: () => Usage, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = usage().cpuSeconds;
  while (Date.now() < deadline) {
    await sleep(250);
    const now = usage().cpuSeconds;
    if (now - last < 0.01) return;
    last = now;
  }
}

/**
 * The same open loop as Leadflow's rate phase (runRatePhase): the same lead posted on a fixed
 * schedule, latency from the POST to the owner notified, completed per second between the first
 * and last notification, n8n's CPU per lead over the leads' whole life (capture to execution saved).
 */
export async function runN8nRatePhase(
  n8n: N8nProcess,
  receiver: NotifyReceiver,
  rate: number,
  seconds: number,
  tag: string,
): Promise<RateFigure> {
  const before = n8n.usage();
  const machineBefore = await machineTicks();
  const wallStart = performance.now();
  const { sent, sentAt, captureMs, errors } = await postOpenLoop(rate, seconds, async (i) => {
    // Lower case: the flow normalizes the email it notifies with.
    const email = `bench-${tag}-n8n-${rate}-${i}@bigco.com`.toLowerCase();
    const response = await fetch(n8n.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(benchLead(email, i)),
      signal: AbortSignal.timeout(30_000),
    });
    return response.status === 200 ? email : null;
  });
  const emails = [...sentAt.keys()];
  await awaitArrivals(receiver, emails, 120_000);
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const after = n8n.usage();
  const machineAfter = await machineTicks();
  await awaitQuiet(n8n.usage, 30_000);
  const ended = n8n.usage();

  const notified = emails.filter((email) => receiver.arrivals.has(email));
  const notifiedAt = notified.map((email) => receiver.arrivals.get(email) as number);
  const spanSeconds = (Math.max(...notifiedAt) - Math.min(...notifiedAt)) / 1000;
  const latencies = notified.map((email) => (receiver.arrivals.get(email) as number) - (sentAt.get(email) as number));
  return {
    target: 'n8n',
    rate,
    seconds,
    sent,
    errors,
    unfinished: emails.length - notified.length,
    captureMs: summarize(captureMs),
    // n8n assigns and notifies in one execution, microseconds apart: its assignment is its notification.
    assignedMs: summarize(latencies),
    notifiedMs: summarize(latencies),
    completedPerSecond: notified.length > 1 ? (notified.length - 1) / Math.max(0.001, spanSeconds) : Number.NaN,
    cpuPercent: { n8n: (100 * (after.cpuSeconds - before.cpuSeconds)) / wallSeconds },
    cpuMsPerLead: { n8n: (1000 * (ended.cpuSeconds - before.cpuSeconds)) / Math.max(1, emails.length) },
    rssMiB: { n8n: after.rssBytes / 2 ** 20 },
    cores: cpus().length,
    machineCpuPercent:
      (100 * (machineAfter.busy - machineBefore.busy)) / Math.max(1, machineAfter.total - machineBefore.total),
  };
}

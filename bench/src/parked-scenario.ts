import type { Database } from '@leadflow/engine/db';
import { inboundWorkflow } from '@leadflow/server';
import type { Kysely } from 'kysely';
import { type BenchApi, inParallel } from './bench-api.js';
import { awaitEnded, countRunStatus, type Meters } from './speed-to-lead-scenario.js';

export interface ParkedFigure {
  leads: number;
  parkSeconds: number;
  parkedPerSecond: number;
  /** Memory with every lead parked at the wait, after a settle. */
  rssWhileParkedMiB: Record<string, number>;
  /** Memory before the first lead was posted. */
  rssBeforeMiB: Record<string, number>;
  drainSeconds: number;
  drainedPerSecond: number;
  unfinished: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const IN_FLIGHT = 16;

/** Nodes only the wait's timeout leads to. */
const ESCALATION = ['escalate', 'escalated'];

/** The example workflow with a wait that never times out, so parking many leads takes as long as it takes. */
function parkedWorkflow(): unknown {
  return {
    ...inboundWorkflow,
    name: 'Bench: parked leads',
    nodes: inboundWorkflow.nodes
      .filter((node) => !ESCALATION.includes(node.id))
      .map((node) =>
        node.id === 'await-contact' ? { ...node, config: { mode: 'event', events: ['contacted'] } } : node,
      ),
    edges: inboundWorkflow.edges.filter(
      (edge) => !ESCALATION.includes(edge.source) && !ESCALATION.includes(edge.target),
    ),
  };
}

const mib = (meters: Meters) =>
  Object.fromEntries(Object.entries(meters).map(([name, meter]) => [name, meter().rssBytes / 2 ** 20]));

/**
 * Parks `count` leads at the example workflow's wait for contact (posted with a few in flight,
 * as fast as the stack takes them), reads memory while they wait, then marks them all contacted
 * through the API and times the drain until every workflow has ended.
 */
export async function runParkedScenario(
  api: BenchApi,
  db: Kysely<Database>,
  meters: Meters,
  count: number,
  tag: string,
): Promise<ParkedFigure> {
  const slug = await api.publish(parkedWorkflow(), `Bench parked ${tag}`, `bench-parked-${tag}`);
  const rssBeforeMiB = mib(meters);
  const parkStart = performance.now();
  const ids = (
    await inParallel(
      Array.from({ length: count }, (_, i) => i),
      IN_FLIGHT,
      (i) => api.captureLead(slug, `parked-${tag}-${i}@bigco.com`, i),
    )
  ).filter((id): id is string => id !== null);
  for (
    const deadline = Date.now() + 30 * 60_000;
    (await countRunStatus(db, ids, ['waiting'])) < ids.length && Date.now() < deadline;
  )
    await sleep(500);
  const parkSeconds = (performance.now() - parkStart) / 1000;
  await sleep(5_000);
  const rssWhileParkedMiB = mib(meters);

  const drainStart = performance.now();
  await inParallel(ids, IN_FLIGHT, (id) => api.contacted(id));
  const unfinished = await awaitEnded(db, ids, 30 * 60_000);
  const drainSeconds = (performance.now() - drainStart) / 1000;
  return {
    leads: ids.length,
    parkSeconds,
    parkedPerSecond: ids.length / parkSeconds,
    rssBeforeMiB,
    rssWhileParkedMiB,
    drainSeconds,
    drainedPerSecond: ids.length / drainSeconds,
    unfinished: unfinished + (count - ids.length),
  };
}

import type { RepForRouting } from './availability.js';

export type Strategy = 'round_robin' | 'weighted_round_robin' | 'least_loaded';

export interface PickState {
  lastRepId: string | null;
  /** Smooth weighted round robin's running weights, by rep id. */
  weights: Record<string, number>;
}

export interface Pick {
  rep: RepForRouting;
  state: PickState;
  how: string;
}

/** Round robin: the first available rep after the last one picked, in the pool's stable order. */
function roundRobin(
  pool: readonly RepForRouting[],
  available: ReadonlySet<string>,
  state: PickState,
): RepForRouting | undefined {
  const start = state.lastRepId ? pool.findIndex((rep) => rep.id === state.lastRepId) + 1 : 0;
  for (let i = 0; i < pool.length; i++) {
    const rep = pool[(start + i) % pool.length] as RepForRouting;
    if (available.has(rep.id)) return rep;
  }
  return undefined;
}

/**
 * Smooth weighted round robin (as in nginx): every pick adds each available rep's weight to its
 * running weight and takes the largest, which then gives back the total. Weights 3:1 give
 * exactly 3 of every 4 leads to the first rep, interleaved rather than in bursts.
 */
function weightedRoundRobin(
  pool: readonly RepForRouting[],
  available: ReadonlySet<string>,
  state: PickState,
): { rep?: RepForRouting; weights: Record<string, number> } {
  const weights = { ...state.weights };
  const candidates = pool.filter((rep) => available.has(rep.id));
  if (candidates.length === 0) return { weights };
  let total = 0;
  let best: RepForRouting | undefined;
  for (const rep of candidates) {
    weights[rep.id] = (weights[rep.id] ?? 0) + rep.weight;
    total += rep.weight;
    if (!best || (weights[rep.id] as number) > (weights[best.id] as number)) best = rep;
  }
  if (best) weights[best.id] = (weights[best.id] as number) - total;
  return { rep: best, weights };
}

/** Least loaded: fewest open leads; ties go in round-robin order so equals still take turns. */
function leastLoaded(
  pool: readonly RepForRouting[],
  available: ReadonlySet<string>,
  openLeads: ReadonlyMap<string, number>,
  state: PickState,
): RepForRouting | undefined {
  const fewest = Math.min(...pool.filter((rep) => available.has(rep.id)).map((rep) => openLeads.get(rep.id) ?? 0));
  const tied = new Set(
    pool.filter((rep) => available.has(rep.id) && (openLeads.get(rep.id) ?? 0) === fewest).map((rep) => rep.id),
  );
  return roundRobin(pool, tied, state);
}

export function pickRep(
  strategy: Strategy,
  pool: readonly RepForRouting[],
  available: ReadonlySet<string>,
  openLeads: ReadonlyMap<string, number>,
  state: PickState,
): Pick | null {
  if (strategy === 'weighted_round_robin') {
    const { rep, weights } = weightedRoundRobin(pool, available, state);
    return rep
      ? { rep, state: { lastRepId: rep.id, weights }, how: `weighted round robin (weight ${rep.weight})` }
      : null;
  }
  const rep =
    strategy === 'least_loaded' ? leastLoaded(pool, available, openLeads, state) : roundRobin(pool, available, state);
  if (!rep) return null;
  const how = strategy === 'least_loaded' ? `least loaded (${openLeads.get(rep.id) ?? 0} open)` : 'round robin';
  return { rep, state: { ...state, lastRepId: rep.id }, how };
}

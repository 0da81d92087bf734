import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Self time by function, most first. */
  functions: Array<{ name: string; ms: number; percent: number }>;
  /** Self time by where the code lives (a package, a Leadflow workspace, node internals, idle/gc). */
  places: Array<{ place: string; ms: number; percent: number }>;
}

/** Where a frame's code lives: `@temporalio/worker`, `engine`, `(garbage collector)`, … */
function placeOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const workspace = /\/(engine|nodes|server|bench)\/dist\//.exec(url)?.[1];
  if (workspace) return `leadflow ${workspace}`;
  return url.startsWith('node:') ? 'node internals' : path.basename(url);
}

function top<T extends { ms: number }>(
  map: Map<string, number>,
  totalMs: number,
  count: number,
  key: (name: string) => Omit<T, 'ms' | 'percent'>,
): Array<T & { percent: number }> {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([name, ms]) =>
        ({ ...key(name), ms: Math.round(ms), percent: Math.round((1000 * ms) / totalMs) / 10 }) as T & {
          percent: number;
        },
    );
}

/** Self time per function and per place in the newest `.cpuprofile` under `dir` (written by `node --cpu-prof`). */
export function summarizeProfile(dir: string, count = 15): ProfileSummary | null {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort();
  const file = files.at(-1);
  if (!file) return null;
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    endTime: number;
    samples: number[];
  };
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let totalMs = 0;
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * msPerSample;
    if (ms === 0 || node.callFrame.functionName === '(idle)') continue;
    totalMs += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const name =
      `${functionName || '(anonymous)'} ${url ? `${placeOf(url, functionName)}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    const place = placeOf(url, functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
  }
  return {
    file: path.join(dir, file),
    totalMs: Math.round(totalMs),
    functions: top(byFunction, totalMs, count, (name) => ({ name })),
    places: top(byPlace, totalMs, count, (place) => ({ place })),
  };
}

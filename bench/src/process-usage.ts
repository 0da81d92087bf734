import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

export interface Usage {
  cpuSeconds: number;
  rssBytes: number;
}

function stat(
  pid: number,
): { ppid: number; cpuSeconds: number; reapedChildrenCpuSeconds: number; rssBytes: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
      reapedChildrenCpuSeconds: (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND,
      rssBytes: Number(fields[21]) * PAGE_BYTES,
    };
  } catch {
    return null; // the process ended while we looked
  }
}

const allPids = (): number[] =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);

/** `pid` and every process below it (Postgres does its work in backends forked from the postmaster). */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const other of allPids()) {
    const s = stat(other);
    if (s) parents.set(other, s.ppid);
  }
  const tree = [pid];
  for (let grew = true; grew;) {
    grew = false;
    for (const [child, parent] of parents) {
      if (tree.includes(parent) && !tree.includes(child)) {
        tree.push(child);
        grew = true;
      }
    }
  }
  return tree;
}

/** The first process whose command line contains `needle` (e.g. the Temporal CLI by its database file). */
export function findPid(needle: string): number | null {
  for (const pid of allPids()) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').includes(needle)) return pid;
    } catch {
      // ended meanwhile
    }
  }
  return null;
}

/** Proportional set size: shared pages split among the processes that map them. */
function pssBytes(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * CPU time and memory of `pid` and, with `tree`, its descendants (Linux /proc). A tree's memory
 * is the sum of PSS, so Postgres's shared buffers count once, not once per backend.
 */
export function usageOf(pid: number, tree = false): Usage {
  let cpuSeconds = 0;
  let rssBytes = 0;
  for (const one of tree ? processTree(pid) : [pid]) {
    const s = stat(one);
    if (!s) continue;
    // Backends that ended count through their parent, which has reaped them.
    cpuSeconds += s.cpuSeconds + (tree && one === pid ? s.reapedChildrenCpuSeconds : 0);
    rssBytes += tree ? pssBytes(one) : s.rssBytes;
  }
  return { cpuSeconds, rssBytes };
}

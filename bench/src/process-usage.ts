import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

export interface Usage {
  cpuSeconds: number;
  rssBytes: number;
}

/** CPU time and resident memory of every process whose command line contains one of `needles` (Linux /proc). */
export function usageOf(...needles: string[]): Usage {
  let cpuSeconds = 0;
  let rssBytes = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!needles.some((needle) => cmdline.includes(needle))) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpuSeconds += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      rssBytes += Number(fields[21]) * PAGE_BYTES;
    } catch {
      // the process ended while we looked
    }
  }
  return { cpuSeconds, rssBytes };
}

export function selfUsage(): Usage {
  const cpu = process.cpuUsage();
  return { cpuSeconds: (cpu.user + cpu.system) / 1e6, rssBytes: process.memoryUsage().rss };
}

import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { findTemporalCli } from '@leadflow/server';

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  temporalCli: string | null;
  /** 1, 5 and 15-minute load averages when the run started: other work on the box slows the figures. */
  loadAverageAtStart: number[];
  startedAt: string;
}

export function machineFacts(): MachineFacts {
  const cli = findTemporalCli();
  let temporalCli: string | null;
  try {
    temporalCli = cli ? execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim() : null;
  } catch {
    temporalCli = null;
  }
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((10 * totalmem()) / 2 ** 30) / 10,
    node: process.version,
    temporalCli,
    loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
    startedAt: new Date().toISOString(),
  };
}

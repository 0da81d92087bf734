import type { CompileFigure } from './compile-scenario.js';
import type { ProfileSummary } from './cpu-profile.js';
import type { DesignerFigure } from './designer-scenario.js';
import type { MachineFacts } from './machine.js';
import type { ParkedFigure } from './parked-scenario.js';
import { P99_BOUND_MS, type RateFigure, saturation } from './speed-to-lead-scenario.js';

export interface SaturationFinding {
  target: string;
  /** Highest rate sustained (≥ 90 % completed, no errors, notified p99 within the bound). */
  sustainedRate: number | null;
  /** First rate not sustained, why, and the busiest process there. */
  saturatedAt: { rate: number; why: string; busiest: string } | null;
}

export interface BenchResults {
  smoke: boolean;
  label: string | null;
  settings: Record<string, unknown>;
  machine: MachineFacts;
  compile: CompileFigure[];
  speedToLead: RateFigure[];
  saturation: SaturationFinding[];
  parked: ParkedFigure | null;
  designer: DesignerFigure | null;
  profile: ProfileSummary | null;
}

const PROCESSES = ['server', 'worker', 'temporal', 'postgres'] as const;
const fmt = (n: number | undefined, digits = 0): string =>
  n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : '—';
const row = (cells: Array<string | number>): string => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: Array<Array<string | number>>): string =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
/** The four Leadflow processes, slash-separated; a peer's own processes (n8n) by name. */
const perProcess = (values: Record<string, number>): string => {
  const own = Object.keys(values).filter((name) => !(PROCESSES as readonly string[]).includes(name));
  return own.length > 0
    ? own.map((name) => `${name} ${fmt(values[name])}`).join(' / ')
    : PROCESSES.map((p) => fmt(values[p])).join(' / ');
};
const totalCpu = (f: RateFigure): number => Object.values(f.cpuMsPerLead).reduce((a, b) => a + b, 0);
const ratio = (a: number, b: number): string =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : '—';

/**
 * Where the CPU went in a phase, busiest process first, e.g. "temporal 54 %, worker 44 %, … of a
 * core; together 122 % of 200 %; machine 99 % busy": one process near 100 % is the bottleneck;
 * a busy machine with none near it means the cores themselves (shared with whatever else runs).
 */
export function busiest(figure: RateFigure): string {
  const sorted = Object.entries(figure.cpuPercent).sort((a, b) => b[1] - a[1]);
  const together = sorted.reduce((sum, [, cpu]) => sum + cpu, 0);
  return `${sorted.map(([name, cpu]) => `${name} ${fmt(cpu)} %`).join(', ')} of a core; together ${fmt(together)} % of ${figure.cores * 100} %; machine ${fmt(figure.machineCpuPercent)} % busy`;
}

export function findSaturation(figures: readonly RateFigure[], target: string): SaturationFinding {
  const mine = figures.filter((f) => f.target === target).sort((a, b) => a.rate - b.rate);
  const firstBad = mine.find((f) => saturation(f) !== null);
  const sustained = mine.filter((f) => saturation(f) === null && (!firstBad || f.rate < firstBad.rate)).at(-1);
  return {
    target,
    sustainedRate: sustained?.rate ?? null,
    saturatedAt: firstBad
      ? { rate: firstBad.rate, why: saturation(firstBad) as string, busiest: busiest(firstBad) }
      : null,
  };
}

/** "Leadflow ÷ n8n sustained rate: 25 ÷ 35 = 0.71" for each other target; '' without both figures. */
function sustainedRatios(findings: readonly SaturationFinding[]): string {
  const leadflow = findings.find((finding) => finding.target === 'leadflow')?.sustainedRate ?? null;
  return findings
    .filter((finding) => finding.target !== 'leadflow')
    .map(
      (finding) =>
        `\n- Leadflow ÷ ${finding.target}, sustained rate: ${leadflow ?? 'none'} ÷ ${finding.sustainedRate ?? 'none'} = ${ratio(leadflow ?? NaN, finding.sustainedRate ?? NaN)}.`,
    )
    .join('');
}

/** Markdown, ready to paste into the README's Performance section. */
export function markdownReport(results: BenchResults): string {
  const m = results.machine;
  const parts: string[] = [];
  parts.push(
    `Measured ${m.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.temporalCli ?? 'Temporal at TEMPORAL_ADDRESS'}; load average at start ${m.loadAverageAtStart.join(' / ')}${results.label ? `; ${results.label}` : ''}.`,
  );

  const trio = (s: RateFigure['notifiedMs']) => `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)}`;
  parts.push(
    '**Speed-to-lead**, open loop, ' +
      `${results.speedToLead[0]?.seconds ?? '?'} s per rate; latencies in ms from the POST (p50 / p95 / p99); CPU in % of one core over the phase and in ms per lead over each lead's whole life, memory in MiB (Postgres: PSS of all its processes).\n\n` +
      table(
        [
          'target',
          'offered/s',
          'completed/s',
          'errors',
          'capture',
          'assigned',
          'notified',
          'CPU % server / worker / temporal / pg',
          'CPU ms per lead server / worker / temporal / pg',
          'MiB server / worker / temporal / pg',
          'machine busy %',
        ],
        results.speedToLead.map((f) => [
          f.target,
          f.rate,
          fmt(f.completedPerSecond, 1),
          f.errors + f.unfinished,
          trio(f.captureMs),
          trio(f.assignedMs),
          trio(f.notifiedMs),
          perProcess(f.cpuPercent),
          perProcess(f.cpuMsPerLead),
          perProcess(f.rssMiB),
          fmt(f.machineCpuPercent),
        ]),
      ),
  );

  const costed = results.speedToLead.filter((f) => f.temporalPerLead);
  if (costed.length > 0) {
    parts.push(
      "**What a lead costs Temporal** (each lead's whole life, every run of its workflow; averaged over up to 20 leads per rate):\n\n" +
        table(
          ['target', 'offered/s', 'history events', 'workflow tasks', 'activity tasks', 'local activities', 'signals'],
          costed.map((f) => {
            const c = f.temporalPerLead as NonNullable<RateFigure['temporalPerLead']>;
            return [
              f.target,
              f.rate,
              fmt(c.events, 1),
              fmt(c.workflowTasks, 1),
              fmt(c.activityTasks, 1),
              fmt(c.localActivities, 1),
              fmt(c.signals, 1),
            ];
          }),
        ),
    );
  }

  const rates = [...new Set(results.speedToLead.map((f) => f.rate))];
  const others = [...new Set(results.speedToLead.map((f) => f.target))].filter((t) => t !== 'leadflow');
  for (const other of others) {
    const pairs = rates
      .map(
        (rate) =>
          [
            results.speedToLead.find((f) => f.rate === rate && f.target === 'leadflow'),
            results.speedToLead.find((f) => f.rate === rate && f.target === other),
          ] as const,
      )
      .filter((pair): pair is readonly [RateFigure, RateFigure] => pair[0] !== undefined && pair[1] !== undefined);
    if (pairs.length === 0) continue;
    const what =
      other === 'baseline'
        ? '**Interpreter overhead**: Leadflow ÷ hand-written baseline'
        : other === 'n8n'
          ? '**Peer**: Leadflow ÷ n8n (the same flow: bench/src/peer/n8n-flow.ts)'
          : `**A/B**: Leadflow (defaults) ÷ variant \`${other}\``;
    parts.push(
      `${what} at the same offered rate, run back to back (throughput: higher is better; latency and CPU per lead: lower is better).\n\n` +
        table(
          [
            'offered/s',
            'completed/s',
            'notified p50',
            'notified p99',
            'worker CPU per lead',
            "all processes' CPU per lead",
          ],
          pairs.map(([lf, bl]) => [
            lf.rate,
            ratio(lf.completedPerSecond, bl.completedPerSecond),
            ratio(lf.notifiedMs.p50, bl.notifiedMs.p50),
            ratio(lf.notifiedMs.p99, bl.notifiedMs.p99),
            ratio(lf.cpuMsPerLead.worker ?? NaN, bl.cpuMsPerLead.worker ?? NaN),
            ratio(totalCpu(lf), totalCpu(bl)),
          ]),
        ),
    );
  }

  parts.push(
    `**Saturation** (a rate is sustained while ≥ 90 % of it completes per second, nothing fails and speed to lead — owner notified — p99 < ${P99_BOUND_MS / 1000} s):\n\n` +
      results.saturation
        .map(
          (s) =>
            `- ${s.target}: sustains ${s.sustainedRate ?? 'none of the rates tried'}${s.sustainedRate ? ' leads/s' : ''}; ${s.saturatedAt ? `at ${s.saturatedAt.rate}/s ${s.saturatedAt.why}; busiest: ${s.saturatedAt.busiest}` : 'did not saturate at the rates tried'}.`,
        )
        .join('\n') +
      sustainedRatios(results.saturation),
  );

  const p = results.parked;
  if (p) {
    parts.push(
      `**Parked leads**: ${p.leads} leads parked at the wait for contact, then all woken by a \`contacted\` event through the API (16 in flight).\n\n` +
        table(
          [
            'leads',
            'park time s (leads/s)',
            'worker MiB before → parked',
            'Temporal MiB before → parked',
            'Postgres MiB before → parked',
            'drain s',
            'drained leads/s',
            'unfinished',
          ],
          [
            [
              p.leads,
              `${fmt(p.parkSeconds, 1)} (${fmt(p.parkedPerSecond, 1)})`,
              `${fmt(p.rssBeforeMiB.worker)} → ${fmt(p.rssWhileParkedMiB.worker)}`,
              `${fmt(p.rssBeforeMiB.temporal)} → ${fmt(p.rssWhileParkedMiB.temporal)}`,
              `${fmt(p.rssBeforeMiB.postgres)} → ${fmt(p.rssWhileParkedMiB.postgres)}`,
              fmt(p.drainSeconds, 1),
              fmt(p.drainedPerSecond, 1),
              p.unfinished,
            ],
          ],
        ),
    );
  }

  parts.push(
    '**Compile** (validate + compile, median of repeats):\n\n' +
      table(
        ['nodes', 'median ms', 'p95 ms'],
        results.compile.map((c) => [c.nodes, fmt(c.medianMs, 2), fmt(c.p95Ms, 2)]),
      ),
  );

  const d = results.designer;
  if (d) {
    parts.push(
      `**Designer**, ${d.nodes}-node graph in headless Chromium (1280×800):\n\n` +
        table(
          [
            'first node on screen, seeded / big graph (median ms)',
            'same over 10 Mbit/s + 40 ms',
            'static KiB transferred',
          ],
          [
            [
              `${fmt(d.firstNodeOnScreenMs.seeded.median)} / ${fmt(d.firstNodeOnScreenMs.big.median)}`,
              `${fmt(d.firstNodeOnScreenOfficeLinkMs?.seeded.median)} / ${fmt(d.firstNodeOnScreenOfficeLinkMs?.big.median)}`,
              fmt(d.editorTransferBytes / 1024),
            ],
          ],
        ) +
        '\n\n' +
        table(
          [
            'load to first paint (median ms)',
            'frame interval while dragging p50 / p95 / p99 ms',
            'mouse move → next frame p50 / p95 ms',
          ],
          [
            [
              fmt(d.loadToFirstPaintMs.median),
              `${fmt(d.dragFrameMs.p50, 1)} / ${fmt(d.dragFrameMs.p95, 1)} / ${fmt(d.dragFrameMs.p99, 1)}`,
              `${fmt(d.dragMoveToFrameMs.p50, 1)} / ${fmt(d.dragMoveToFrameMs.p95, 1)}`,
            ],
          ],
        ),
    );
  }

  if (results.profile) {
    parts.push(
      `**Worker CPU profile** (${results.profile.file}, ${results.profile.totalMs} ms of samples, idle left out):\n\n` +
        table(
          ['where', 'self ms', '%'],
          results.profile.places.map((x) => [x.place, x.ms, x.percent]),
        ) +
        '\n\n' +
        table(
          ['function', 'self ms', '%'],
          results.profile.functions.map((x) => [`\`${x.name}\``, x.ms, x.percent]),
        ),
    );
  }
  return parts.join('\n\n');
}

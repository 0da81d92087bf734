import { sumMetric } from '../support/prometheus-text.js';

export interface ShareScraper {
  /** Steps each worker completed, as last scraped (a killed worker keeps its last scrape). */
  steps(): Record<string, number>;
  /** The Temporal SDK's own count of workflow tasks each worker completed, as last scraped. */
  workflowTasks(): Record<string, number>;
  /** Each worker's last scrape, as text. */
  lastScrapes(): Record<string, string>;
  /** Scrapes every worker now (before one is killed). */
  scrapeNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Reads each worker's `/metrics` every `intervalMs`: how many node steps it ran (Leadflow's
 * counter) and how many workflow tasks (the SDK's), so the share of work each worker took is
 * known even for a worker killed mid-run.
 */
export function scrapeWorkerShares(
  workers: ReadonlyArray<{ name: string; metricsUrl: string }>,
  intervalMs = 1000,
): ShareScraper {
  const steps: Record<string, number> = {};
  const tasks: Record<string, number> = {};
  const texts: Record<string, string> = {};
  const scrapeOne = async (worker: { name: string; metricsUrl: string }): Promise<void> => {
    const text = await fetch(worker.metricsUrl, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.text(),
      () => null,
    );
    if (!text) return;
    texts[worker.name] = text;
    steps[worker.name] = sumMetric(text, 'leadflow_steps_total', { result: 'completed' });
    tasks[worker.name] = sumMetric(text, 'temporal_workflow_task_execution_latency_count');
  };
  const scrape = async (): Promise<void> => {
    await Promise.all(workers.map(scrapeOne));
  };
  const timer = setInterval(() => void scrape(), intervalMs);
  return {
    steps: () => ({ ...steps }),
    workflowTasks: () => ({ ...tasks }),
    lastScrapes: () => ({ ...texts }),
    scrapeNow: scrape,
    stop: async () => {
      clearInterval(timer);
      await scrape();
    },
  };
}

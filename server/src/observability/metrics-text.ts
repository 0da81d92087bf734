import { temporalSdkMetricsUrl } from '../infra/temporal-runtime.js';
import { metricsRegistry } from './leadflow-metrics.js';

export const METRICS_CONTENT_TYPE = metricsRegistry.contentType;

/**
 * The Prometheus text a scrape gets: Leadflow's metrics, then (where this process runs a worker)
 * the Temporal SDK's own — worker task slots, poll and schedule-to-start latencies, sticky cache
 * hits — which the SDK's runtime serves on a loopback port of its own and we append, so one scrape
 * target covers both. Their names (`leadflow_…`, `temporal_…`) do not overlap.
 */
export async function metricsText(): Promise<string> {
  const own = await metricsRegistry.metrics();
  const sdkUrl = temporalSdkMetricsUrl();
  if (!sdkUrl) return own;
  try {
    const response = await fetch(sdkUrl, { signal: AbortSignal.timeout(2000) });
    return `${own}\n${await response.text()}`;
  } catch (error) {
    return `${own}\n# Temporal SDK metrics unavailable: ${(error as Error).message}\n`;
  }
}

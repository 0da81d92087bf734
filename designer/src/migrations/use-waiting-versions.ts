import type { Api } from '../api/api-client';
import type { Version } from '@leadflow/server/contract';
import { type Loaded, useLoad } from '../app/use-load';
import type { MigrationReport, WaitingVersion } from './migration-types';

/** Older versions looked at: leads rarely wait on more than the last few. */
const MAX_OLDER_VERSIONS = 20;

/** A dry run: who would move from `fromVersion` to `toVersion` and where, without moving anyone. */
export function dryRun(
  api: Api,
  workflowId: string,
  fromVersion: number,
  toVersion: number,
  nodeMap: Record<string, string> = {},
): Promise<MigrationReport> {
  return api.request<MigrationReport>('POST', `/api/workflows/${workflowId}/migrations`, {
    fromVersion,
    toVersion,
    nodeMap,
    dryRun: true,
  });
}

interface WorkflowFacts {
  id: string;
  publishedVersion: number | null;
  leadsInFlight: number;
}

/**
 * The older versions that still have leads in flight, each with a dry run onto the live version.
 * Nothing is asked while no lead is in flight or only one version exists; `enabled` is false for
 * roles that may not migrate.
 */
export function useWaitingVersions(
  api: Api,
  workflow: WorkflowFacts,
  enabled: boolean,
  refresh: number,
): Loaded<WaitingVersion[]> {
  const live = workflow.publishedVersion;
  return useLoad(async () => {
    if (!enabled || live === null || live < 2 || workflow.leadsInFlight === 0) return [];
    const { versions } = await api.get<{ versions: Version[] }>(`/api/workflows/${workflow.id}/versions`);
    const older = versions
      .map((version) => version.version)
      .filter((version) => version < live)
      .sort((a, b) => b - a)
      .slice(0, MAX_OLDER_VERSIONS);
    const reports = await Promise.all(older.map((version) => dryRun(api, workflow.id, version, live)));
    return reports
      .map((report) => ({ version: report.fromVersion, leads: report.moves.length + report.blocked.length, report }))
      .filter((waiting) => waiting.leads > 0);
  }, `${workflow.id}@${live}:${workflow.leadsInFlight}:${enabled}:${refresh}`);
}

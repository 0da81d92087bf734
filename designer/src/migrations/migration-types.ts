/** What `POST /api/workflows/:id/migrations` answers: who would move (dry run) or moved, and who cannot. */
export interface MigrationReport {
  dryRun: boolean;
  fromVersion: number;
  toVersion: number;
  moves: Array<{ leadId: string; email: string; from: string; to: string }>;
  blocked: Array<{ leadId: string; email: string; nodeId: string | null; reason: string }>;
  /** By node of the old version: how many leads wait there and where they go (to null: blocked, with why). */
  byNode: Array<{ from: string; to: string | null; leads: number; reason?: string }>;
}

/** An older version with leads still on it, and where they would go on the live one. */
export interface WaitingVersion {
  version: number;
  leads: number;
  report: MigrationReport;
}

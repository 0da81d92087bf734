/** Node-only: Postgres through pg + kysely. Never imported by workflow code. */
export { createDatabase, type DatabaseOptions } from './create-database.js';
export {
  type AnySchemaDb,
  type MigrationSet,
  migrateTo,
  migrateToLatest,
  migrationTableOf,
  pendingMigrations,
} from './migrate.js';
export { leadColumns, leadContextFromRow, leadPatchToUpdate, type LeadRow } from './lead-row.js';
export {
  FUNNEL_STAGES,
  LEAD_STAGES,
  type LeadStage,
  nextStage,
  STAGE_OF_STATUS,
  type StageSignal,
  stageSignalOfEvent,
  stageSignalsOfPatch,
} from './lead-stage.js';
export { persistSteps } from './step-trail.js';
export { appendLeadEvent, type LeadEventRow, leadsWithUnreadMail, readLeadMail } from './lead-mail.js';
export { recordStageSignals, type TimedStageSignal } from './stage-history.js';
export type * from './schema.js';
export { openDryRunDatabase, type DryRunDatabase } from './dry-run-database.js';

/** Node-only: Postgres through pg + kysely. Never imported by workflow code. */
export { createDatabase, type DatabaseOptions } from './create-database.js';
export { migrateToLatest } from './migrate.js';
export { leadColumns, leadContextFromRow, leadPatchToUpdate, type LeadRow } from './lead-row.js';
export { persistSteps } from './step-trail.js';
export type * from './schema.js';
export { openDryRunDatabase, type DryRunDatabase } from './dry-run-database.js';

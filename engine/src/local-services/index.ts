/**
 * Node-only: the services Leadflow runs on its own machine when none are given — an embedded
 * PostgreSQL — and what tests need to share one (a free port, a database per test file).
 */
export {
  type EmbeddedPostgresHandle,
  type EmbeddedPostgresOptions,
  startEmbeddedPostgres,
} from './embedded-postgres.js';
export { freePort } from './free-port.js';
export { createIsolatedDatabase } from './isolated-database.js';

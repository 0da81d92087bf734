/**
 * The HTTP API's contract: the TypeBox schemas the server validates requests and serializes answers
 * with (and documents at /docs), one module per area, and the types they describe (`Static<>`).
 * The designer imports the types from `@leadflow/server/contract`, type-only: none of this runs in
 * its bundle.
 */
export * from './access.js';
export * from './common.js';
export * from './credentials.js';
export * from './event-types.js';
export * from './imports.js';
export * from './inbox.js';
export * from './intake.js';
export * from './leads.js';
export * from './metrics.js';
export * from './node-types.js';
export * from './team.js';
export * from './workflows.js';

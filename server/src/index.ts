export { buildApp, type AppOptions } from './app.js';
export { readConfig, type LeadflowConfig } from './config.js';
export type { Principal } from './auth/principal.js';
export { ApiError, Errors, type ProblemDetail } from './errors.js';
export { freePort, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@leadflow/engine/local-services';
export { findTemporalCli } from './infra/temporal-cli.js';
export { installTemporalRuntime } from './infra/temporal-runtime.js';
export {
  connectClient,
  connectWorker,
  readTemporalTls,
  type TemporalEndpoint,
  type TemporalTls,
} from './infra/temporal-connection.js';
export { startTemporalDevServer, type TemporalDevServerHandle } from './infra/temporal-dev-server.js';
export { ROLES, routeAccessTable, type Role, type RouteAccess, type RouteAccessEntry } from './plugins/route-access.js';
export { pruneStepData } from './retention/prune-step-data.js';
export {
  stepRetentionScheduleId,
  syncStepRetentionSchedule,
  type ScheduleSync,
} from './retention/retention-schedule.js';
export { startLeadflow, type LeadflowHandle } from './runtime/start-leadflow.js';
export { startBackgroundSweeps, sweepOnce, type SweepOptions } from './runtime/background-sweeps.js';
export { startWorkerHost, type WorkerHost, type WorkerHostOptions } from './runtime/worker-host.js';
export { runStandaloneWorker } from './runtime/standalone-worker.js';
export { inboundWorkflow } from './seed/inbound-workflow.js';
export { slaEscalationWorkflow } from './seed/sla-workflow.js';
export { EXAMPLE_TEAM, seedExample } from './seed/seed-example.js';
export { createAppServices, type AppServices } from './services/app-services.js';
export { SEED_ACTOR, type Actor } from './services/audit-log.js';
export { SIGNATURE_HEADER, signatureHeader, signPayload, verifySignature } from '@leadflow/nodes';
export { leadflowClient, leadflowCodec } from './runtime/temporal-client.js';
export { loadKeyring } from './runtime/keyring-file.js';
export { secureStoredSecrets } from './runtime/secure-stored-secrets.js';
export type { Security } from './services/app-services.js';
export { startBanner } from './cli/start-banner.js';
export { rotateKeyring } from './runtime/rotate-keyring.js';

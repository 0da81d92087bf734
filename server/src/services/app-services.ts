import type { NodeRegistry } from '@leadflow/engine';
import type { Keyring, LeadflowPayloadCodec, LeadKeys } from '@leadflow/engine/crypto';
import type { Database } from '@leadflow/engine/db';
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { AuditLog } from './audit-log.js';
import { ActivityIntake } from './activity-intake.js';
import { ChannelIntake } from './channel-intake.js';
import { CredentialStore } from './credentials/credential-store.js';
import { EventTypeStore } from './event-types/event-type-store.js';
import { LeadErasure } from './lead-erasure.js';
import { FormStore } from './form-store.js';
import { CsvImports } from './imports/csv-imports.js';
import { InboxFeed } from './inbox-feed.js';
import { LeadEvents } from './lead-events.js';
import { LeadIntake } from './lead-intake.js';
import { LeadMigrations } from './lead-migrations.js';
import { LeadQueries } from './lead-queries.js';
import { LeadRuns } from './lead-runs.js';
import { TestRuns } from './test-runs.js';
import type { TestRunWorkflows } from './test-run-host.js';
import { builtInNodeLibrary, type NodeLibrary } from '../node-packages/node-library.js';
import { LeadChangeFeed } from './lead-change-feed.js';
import { AccountStore } from './team-model/account-store.js';
import { RepStore } from './team-model/rep-store.js';
import { TeamStore } from './team-model/team-store.js';
import { TerritoryStore } from './team-model/territory-store.js';
import { TokenStore } from './token-store.js';
import { WebhookSourceStore } from './webhook-source-store.js';
import { WorkflowStore } from './workflow-store.js';

/** Everything the routes use, built once from the database, the Temporal client and the node registry. */
export interface AppServices {
  db: Kysely<Database>;
  temporal: Client;
  registry: NodeRegistry;
  workflows: WorkflowStore;
  eventTypes: EventTypeStore;
  runs: LeadRuns;
  migrations: LeadMigrations;
  intake: LeadIntake;
  leads: LeadQueries;
  events: LeadEvents;
  reps: RepStore;
  teams: TeamStore;
  accounts: AccountStore;
  territories: TerritoryStore;
  inbox: InboxFeed;
  testRuns: TestRuns;
  leadChanges: LeadChangeFeed;
  tokens: TokenStore;
  audit: AuditLog;
  forms: FormStore;
  webhookSources: WebhookSourceStore;
  activity: ActivityIntake;
  /** Web forms and webhooks, in front of `intake`. */
  channels: ChannelIntake;
  imports: CsvImports;
  credentials: CredentialStore;
  erasure: LeadErasure;
  /** The payload codec the Temporal client uses; the codec endpoint serves it. */
  codec: LeadflowPayloadCodec;
}

/** What seals secrets and payloads: the keyring, and the payload codec the Temporal client was made with. */
export interface Security {
  keyring: Keyring;
  codec: LeadflowPayloadCodec & { leadKeys: LeadKeys };
}

export interface AppServicesOptions {
  db: Kysely<Database>;
  temporal: Client;
  security: Security;
  /** Task queue lead workflows are started on; unset: Leadflow's own. */
  taskQueue?: string;
  /** The URL `db` was made from; the live inbox LISTENs with it (without it the inbox cannot be streamed). */
  databaseUrl?: string;
  /** The node types: registry, activities (test runs call them dry), server halves. Default: Leadflow's own. */
  nodes?: NodeLibrary;
  /** The workflow code test runs execute: the workers' (default: the node library's entry). */
  testRunWorkflows?: TestRunWorkflows;
}

export function createAppServices(options: AppServicesOptions): AppServices {
  const { db, temporal, security, taskQueue, databaseUrl } = options;
  const nodes = options.nodes ?? builtInNodeLibrary;
  const registry = nodes.registry;
  const testRunWorkflows = options.testRunWorkflows ?? nodes;
  const eventTypes = new EventTypeStore(db);
  const credentials = new CredentialStore(db, security.keyring);
  const workflows = new WorkflowStore(db, registry, eventTypes, credentials);
  const runs = new LeadRuns(db, temporal, taskQueue);
  const events = new LeadEvents(db, runs);
  const intake = new LeadIntake(db, workflows, runs);
  const webhookSources = new WebhookSourceStore(db, workflows, security.keyring);
  const activity = new ActivityIntake(db, events);
  return {
    db,
    temporal,
    registry,
    workflows,
    eventTypes,
    runs,
    migrations: new LeadMigrations(db, workflows, runs, registry),
    intake,
    leads: new LeadQueries(db),
    events,
    reps: new RepStore(db, nodes.serverParts),
    teams: new TeamStore(db),
    accounts: new AccountStore(db),
    territories: new TerritoryStore(db),
    inbox: new InboxFeed(db, databaseUrl),
    testRuns: new TestRuns(db, workflows, registry, nodes.activities, databaseUrl, testRunWorkflows),
    leadChanges: new LeadChangeFeed(databaseUrl),
    tokens: new TokenStore(db),
    audit: new AuditLog(db),
    forms: new FormStore(db, workflows),
    webhookSources,
    activity,
    channels: new ChannelIntake(intake, activity, webhookSources),
    imports: new CsvImports(db, workflows),
    credentials,
    erasure: new LeadErasure(db, temporal, security.codec.leadKeys, nodes.serverParts),
    codec: security.codec,
  };
}

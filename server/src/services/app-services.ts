import type { NodeRegistry } from '@leadflow/engine';
import type { Database } from '@leadflow/engine/db';
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { CsvImports } from './imports/csv-imports.js';
import { InboxFeed } from './inbox-feed.js';
import { LeadEvents } from './lead-events.js';
import { LeadIntake } from './lead-intake.js';
import { LeadQueries } from './lead-queries.js';
import { LeadRuns } from './lead-runs.js';
import { TaskStore } from './task-store.js';
import { TeamStore, TerritoryStore } from './team-store.js';
import { WorkflowStore } from './workflow-store.js';

/** Everything the routes use, built once from the database, the Temporal client and the node registry. */
export interface AppServices {
  db: Kysely<Database>;
  temporal: Client;
  registry: NodeRegistry;
  workflows: WorkflowStore;
  runs: LeadRuns;
  intake: LeadIntake;
  leads: LeadQueries;
  events: LeadEvents;
  teams: TeamStore;
  territories: TerritoryStore;
  tasks: TaskStore;
  inbox: InboxFeed;
  imports: CsvImports;
}

/** `databaseUrl`: the URL `db` was made from; the live inbox LISTENs with it (without it the inbox cannot be streamed). */
export function createAppServices(db: Kysely<Database>, temporal: Client, registry: NodeRegistry, taskQueue?: string, databaseUrl?: string): AppServices {
  const workflows = new WorkflowStore(db, registry);
  const runs = new LeadRuns(db, temporal, taskQueue);
  const events = new LeadEvents(db, runs);
  return {
    db,
    temporal,
    registry,
    workflows,
    runs,
    intake: new LeadIntake(db, workflows, runs),
    leads: new LeadQueries(db),
    events,
    teams: new TeamStore(db),
    territories: new TerritoryStore(db),
    tasks: new TaskStore(db, events),
    inbox: new InboxFeed(db, databaseUrl),
    imports: new CsvImports(db, workflows),
  };
}

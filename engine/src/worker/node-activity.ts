import type { Kysely } from 'kysely';
import type { Credentials } from '../credentials/credential-resolver.js';
import type { ActivityNodeDefinition, NodeOutcome } from '../definition/node-definition.js';
import { redactSecrets } from '../definition/redact-secrets.js';
import type { Static, TSchema } from 'typebox';
import type { Database } from '../db/schema.js';
import type { LeadContext } from '../lead/lead-context.js';

export interface MailSettings {
  /** e.g. `smtp://user:pass@host:587`. Unset: email notifications are recorded as skipped. */
  smtpUrl?: string;
  from: string;
}

export interface HttpSettings {
  /**
   * Hosts (`name` or `name:port`) that outbound calls may reach even though they resolve to a
   * private or loopback address. Everything else private is refused.
   */
  allowHosts: readonly string[];
}

/** What the host process gives every activity node. */
export interface ActivityServices {
  db: Kysely<Database>;
  mail: MailSettings;
  http: HttpSettings;
  /** Opens the credentials node configs name; the secret never leaves the activity. */
  credentials: Credentials;
}

export interface NodeActivityContext {
  readonly services: ActivityServices;
  readonly db: Kysely<Database>;
  readonly lead: Readonly<LeadContext>;
  readonly leadId: string;
  readonly nodeId: string;
  readonly visit: number;
  /** 1 on the first try; a retry sees 2, 3, … */
  readonly attempt: number;
  /** Unique to this attempt: what an outbox row is claimed by while this attempt sends it. */
  readonly attemptId: string;
  /** How long this attempt may run (its start-to-close timeout): a claim made by it lapses after that. */
  readonly leaseMs: number;
  /** Tells Temporal the attempt is alive (during a slow send). */
  heartbeat(): void;
  /** Unique per lead + node + visit: the key that makes a retry harmless. */
  readonly idempotencyKey: string;
  /**
   * A designer test run: the database is a transaction that is rolled back afterwards, and the
   * node must not reach the outside world (mail, chat, HTTP). It says what it *would* do instead.
   */
  readonly dryRun: boolean;
}

/** The Node-side half of an activity node: its I/O. Kept out of the workflow bundle. */
export interface NodeActivity {
  readonly type: string;
  readonly version: number;
  run(config: unknown, ctx: NodeActivityContext): Promise<NodeOutcome>;
  /** The config as a step trail may show it: fields the schema marks `x-secret` replaced. */
  shown(config: unknown): unknown;
}

export function defineNodeActivity<S extends TSchema>(
  definition: ActivityNodeDefinition<S>,
  run: (config: Static<S>, ctx: NodeActivityContext) => Promise<NodeOutcome>,
): NodeActivity {
  return {
    type: definition.type,
    version: definition.version,
    run: run as NodeActivity['run'],
    shown: (config) => redactSecrets(definition.configSchema, config),
  };
}

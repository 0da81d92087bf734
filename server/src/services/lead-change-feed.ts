import { PgListener } from './pg-listener.js';
import { Errors } from '../errors.js';

/** The NOTIFY channel of migration 009's trigger. */
export const LEAD_CHANGES_CHANNEL = 'leadflow_leads';

/** Leads that changed; `null` when many did (a bulk write) or some may have been missed: reload. */
export interface LeadChange {
  ids: string[] | null;
}

/** Fans the database's lead-change announcements out to open streams (one LISTEN per server). */
export class LeadChangeFeed {
  private readonly listener: PgListener | null;
  private readonly subscribers = new Set<(change: LeadChange) => void>();

  constructor(
    databaseUrl: string | undefined,
    log: (message: string) => void = (message) => console.warn(`leadflow lead changes: ${message}`),
  ) {
    this.listener = databaseUrl
      ? new PgListener({
          connectionString: databaseUrl,
          channel: LEAD_CHANGES_CHANNEL,
          onNotification: (payload) => this.publish(parse(payload)),
          // Changes made while the connection was down were not announced.
          onReconnect: () => this.publish({ ids: null }),
          log,
        })
      : null;
  }

  /** Sends every change to `send` until the returned function is called; resolves once listening. */
  async subscribe(send: (change: LeadChange) => void): Promise<() => void> {
    if (!this.listener)
      throw Errors.unavailable('live lead updates are off on this server (it has no database URL to listen with)');
    try {
      await this.listener.listening();
    } catch {
      throw Errors.unavailable('live lead updates cannot reach the database right now; try again shortly');
    }
    this.subscribers.add(send);
    return () => this.subscribers.delete(send);
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    await this.listener?.stop();
  }

  private publish(change: LeadChange): void {
    for (const send of this.subscribers) send(change);
  }
}

function parse(payload: string): LeadChange {
  try {
    const { ids } = JSON.parse(payload) as { ids?: unknown };
    return { ids: Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : null };
  } catch {
    return { ids: null };
  }
}

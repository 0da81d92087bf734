import type { Database } from '@leadflow/engine/db';
import { INBOX_NOTIFY_CHANNEL } from '@leadflow/nodes';
import { type Kysely, type Selectable, sql } from 'kysely';
import { ApiError, Errors } from '../errors.js';
import { PgListener, type PgListenerOptions } from './pg-listener.js';
import { afterPosition, cursorTime, decodeCursor, keysetPage } from './keyset-cursor.js';
import type { InboxItem } from '../contract/inbox.js';

/** How far before the last sign of life a catch-up after a reconnect looks (rows are stamped at transaction start). */
const CATCH_UP_MARGIN_MS = 30_000;

export type { InboxItem };

export interface InboxFeedOptions {
  /** Where listener trouble (lost connection, reconnects) is reported. @default console.warn */
  log?: (message: string) => void;
  listener?: Pick<PgListenerOptions, 'pingMs' | 'retryMs'>;
}

type Row = Selectable<Database['notifications']>;

interface Subscriber {
  /** Database time the stream started; a catch-up never sends it anything older. */
  since: number;
  send(item: InboxItem): void;
}

function inboxItem(row: Row): InboxItem {
  return {
    id: row.id,
    leadId: row.lead_id,
    subject: row.subject,
    body: row.body,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

/**
 * Reps' in-app inbox (the `inbox` rows notify nodes write) and its live feed: one LISTEN
 * connection per server, fanned out to every open stream of the rep a new row is for, from
 * whichever worker process wrote it. Without a database URL the inbox can be listed but not streamed.
 */
export class InboxFeed {
  private readonly listener: PgListener | null;
  private readonly log: (message: string) => void;
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  /** Ids sent lately (→ created_at), so the catch-up after a reconnect never repeats one. */
  private readonly sent = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Database>,
    databaseUrl?: string,
    options: InboxFeedOptions = {},
  ) {
    this.log = options.log ?? ((message) => console.warn(`leadflow inbox: ${message}`));
    this.listener = databaseUrl
      ? new PgListener({
          connectionString: databaseUrl,
          channel: INBOX_NOTIFY_CHANNEL,
          onNotification: (payload) =>
            void this.announced(payload).catch((error: Error) =>
              this.log(`could not load an announced notification: ${error.message}`),
            ),
          onReconnect: (lastAlive) => this.catchUp(lastAlive),
          onAlive: (now) => this.forget(now),
          log: this.log,
          ...options.listener,
        })
      : null;
  }

  /** Whether this server can stream (it was given the database URL to LISTEN with). */
  get live(): boolean {
    return this.listener !== null;
  }

  /** The rep's inbox, newest first; pass `nextCursor` back for the next page. */
  async list(
    repId: string,
    options: { unread?: boolean; limit?: number; cursor?: string } = {},
  ): Promise<{ notifications: InboxItem[]; nextCursor: string | null }> {
    await this.repNow(repId);
    const limit = options.limit ?? 50;
    let query = this.db
      .selectFrom('notifications')
      .selectAll()
      .select(cursorTime('created_at').as('cursor_at'))
      .where('rep_id', '=', repId)
      .where('channel', '=', 'inbox')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (options.unread) query = query.where('read_at', 'is', null);
    if (options.cursor) query = query.where(afterPosition('created_at', 'id', decodeCursor(options.cursor), 'desc'));
    const { rows, nextCursor } = keysetPage(await query.execute(), limit);
    return { notifications: rows.map(inboxItem), nextCursor };
  }

  /** Marks one of the rep's notifications read; marking it again keeps the first time. */
  async markRead(repId: string, notificationId: string): Promise<InboxItem> {
    const row = await this.db
      .updateTable('notifications')
      .set({ read_at: sql<Date>`coalesce(read_at, now())` })
      .where('id', '=', notificationId)
      .where('rep_id', '=', repId)
      .where('channel', '=', 'inbox')
      .returningAll()
      .executeTakeFirst();
    if (!row)
      throw new ApiError(
        404,
        'NOT_FOUND',
        `notification '${notificationId}' was not found in the inbox of rep '${repId}'`,
      );
    return inboxItem(row);
  }

  /**
   * Sends the rep's new inbox items to `send` until the returned function is called. Resolves once
   * the listener is live, so anything written after that is sent.
   */
  async subscribe(repId: string, send: (item: InboxItem) => void): Promise<() => void> {
    if (!this.listener)
      throw Errors.unavailable(
        'live inbox updates are off on this server (it has no database URL to listen with); list the inbox instead',
      );
    const since = await this.repNow(repId);
    try {
      await this.listener.listening();
    } catch {
      throw Errors.unavailable('live inbox updates cannot reach the database right now; try again shortly');
    }
    const subscriber: Subscriber = { since, send };
    let set = this.subscribers.get(repId);
    if (!set) this.subscribers.set(repId, (set = new Set()));
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.subscribers.get(repId) === set) this.subscribers.delete(repId);
    };
  }

  /** Stops listening for good. */
  async close(): Promise<void> {
    this.subscribers.clear();
    await this.listener?.stop();
  }

  /** 404 for an unknown rep; else the database's time now. */
  private async repNow(repId: string): Promise<number> {
    const rep = await this.db
      .selectFrom('reps')
      .select(sql<Date>`now()`.as('now'))
      .where('id', '=', repId)
      .executeTakeFirst();
    if (!rep) throw Errors.notFound('rep', repId);
    return rep.now.getTime();
  }

  private async announced(payload: string): Promise<void> {
    let announcement: { id?: unknown; repId?: unknown };
    try {
      announcement = JSON.parse(payload) as typeof announcement;
    } catch {
      return;
    }
    const { id, repId } = announcement;
    if (typeof id !== 'string' || typeof repId !== 'string' || !this.subscribers.has(repId)) return;
    const row = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', id)
      .where('channel', '=', 'inbox')
      .executeTakeFirst();
    if (row) this.deliver(row, false);
  }

  /** What was written while the listener was down, for the reps with open streams. */
  private async catchUp(lastAlive: Date): Promise<void> {
    const reps = [...this.subscribers.keys()];
    if (reps.length === 0) return;
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('rep_id', 'in', reps)
      .where('channel', '=', 'inbox')
      .where('created_at', '>', new Date(lastAlive.getTime() - CATCH_UP_MARGIN_MS))
      .orderBy('created_at')
      .execute();
    for (const row of rows) this.deliver(row, true);
  }

  private deliver(row: Row, catchingUp: boolean): void {
    const set = row.rep_id ? this.subscribers.get(row.rep_id) : undefined;
    if (!set || this.sent.has(row.id)) return;
    const createdAt = row.created_at.getTime();
    this.sent.set(row.id, createdAt);
    const item = inboxItem(row);
    for (const subscriber of set) {
      if (catchingUp && createdAt < subscriber.since) continue;
      try {
        subscriber.send(item);
      } catch (error) {
        this.log(`could not send to a stream: ${(error as Error).message}`);
      }
    }
  }

  /** Sent ids older than any future catch-up can reach are no longer needed. */
  private forget(now: Date): void {
    const horizon = now.getTime() - CATCH_UP_MARGIN_MS;
    for (const [id, createdAt] of this.sent) if (createdAt < horizon) this.sent.delete(id);
  }
}

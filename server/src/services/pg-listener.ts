import pg from 'pg';

export interface PgListenerOptions {
  connectionString: string;
  /** The NOTIFY channel to LISTEN on. */
  channel: string;
  onNotification(payload: string): void;
  /**
   * After a reconnect, with the database time the previous connection was last known alive:
   * what was announced while it was down is lost, so the caller can catch up from there.
   */
  onReconnect?(lastAlive: Date): void | Promise<void>;
  /** Every successful ping, with the database's time. */
  onAlive?(now: Date): void;
  log?(message: string): void;
  /** How often the connection is checked with a query; a dead connection is noticed within ~2× this. @default 10 s */
  pingMs?: number;
  /** Reconnect backoff: doubles from `min` to `max`. @default 250 ms … 30 s */
  retryMs?: { min: number; max: number };
}

/**
 * One dedicated connection that LISTENs on a channel, and comes back when it drops: a failed
 * connect or ping, a server restart or a terminated backend all lead to a reconnect with backoff.
 * Started lazily by `listening()`; stopped for good by `stop()`.
 */
export class PgListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private retries = 0;
  private lastAlive: Date | null = null;
  private stopped = false;

  constructor(private readonly options: PgListenerOptions) {}

  /** Resolves once LISTEN is active, connecting now if it is not; rejects if this attempt fails (another is then scheduled). */
  listening(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('the listener is stopped'));
    if (this.client) return Promise.resolve();
    if (!this.connecting) {
      clearTimeout(this.retryTimer);
      this.connecting = this.connect().finally(() => {
        this.connecting = null;
      });
    }
    return this.connecting;
  }

  get connected(): boolean {
    return this.client !== null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { connectionString, channel, pingMs = 10_000 } = this.options;
    const client = new pg.Client({
      connectionString,
      application_name: 'leadflow-inbox-listener',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: 10_000,
      query_timeout: pingMs,
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) this.options.onNotification(message.payload);
    });
    let now: Date;
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      now = (await client.query<{ now: Date }>('SELECT now() AS now')).rows[0]?.now ?? new Date();
    } catch (error) {
      void client.end().catch(() => undefined);
      this.options.log?.(`could not LISTEN on ${channel}: ${(error as Error).message}`);
      this.scheduleRetry();
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      throw new Error('the listener is stopped');
    }
    const previous = this.lastAlive;
    this.client = client;
    this.retries = 0;
    this.lastAlive = now;
    this.pingTimer = setInterval(() => void this.ping(client), pingMs);
    this.pingTimer.unref();
    if (previous) {
      this.options.log?.(`listening on ${channel} again`);
      try {
        await this.options.onReconnect?.(previous);
      } catch (error) {
        this.options.log?.(`catching up after a reconnect failed: ${(error as Error).message}`);
      }
    }
  }

  private async ping(client: pg.Client): Promise<void> {
    try {
      const now = (await client.query<{ now: Date }>('SELECT now() AS now')).rows[0]?.now;
      if (now && client === this.client) {
        this.lastAlive = now;
        this.options.onAlive?.(now);
      }
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  /** The live connection failed or ended: drop it and reconnect. Events from stale clients are ignored. */
  private lost(client: pg.Client, error?: Error): void {
    if (client !== this.client) return;
    this.client = null;
    clearInterval(this.pingTimer);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.options.log?.(
      `lost the LISTEN connection on ${this.options.channel}${error ? `: ${error.message}` : ''}; reconnecting`,
    );
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const { min, max } = this.options.retryMs ?? { min: 250, max: 30_000 };
    const delay = Math.min(max, min * 2 ** this.retries);
    this.retries += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.listening().catch(() => undefined), delay);
    this.retryTimer.unref();
  }
}

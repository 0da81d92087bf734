/** One API server as the client sees it. */
export interface Backend {
  name: string;
  url: string;
}

export interface Answer<T> {
  status: number;
  body: T;
  /** The server that answered. */
  server: string;
  /** Attempts that got no HTTP answer (connection refused or reset), each retried elsewhere. */
  failures: Array<{ server: string; error: string; at: number }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What a load balancer in front of the API servers does, in the test process: it polls each
 * server's `/readyz` and sends only to ready ones, and a request that got no answer at all (the
 * server died under it) is sent again to another server. Only requests that carry an
 * `Idempotency-Key` are retried that way, which is what makes a retry safe.
 */
export class FailoverClient {
  private readonly ready = new Map<string, boolean>();
  private next = 0;
  private polling: NodeJS.Timeout | undefined;

  constructor(
    private readonly backends: readonly Backend[],
    private readonly token: string,
    pollMs = 250,
  ) {
    for (const backend of backends) this.ready.set(backend.name, true);
    this.polling = setInterval(() => void this.poll(), pollMs);
  }

  private async poll(): Promise<void> {
    await Promise.all(
      this.backends.map(async (backend) => {
        const ok = await fetch(`${backend.url}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
          (r) => r.ok,
          () => false,
        );
        this.ready.set(backend.name, ok);
      }),
    );
  }

  /** The next ready server, round robin. */
  private pick(exclude: ReadonlySet<string>): Backend | undefined {
    for (let i = 0; i < this.backends.length; i++) {
      const backend = this.backends[(this.next++ + i) % this.backends.length] as Backend;
      if (this.ready.get(backend.name) && !exclude.has(backend.name)) return backend;
    }
    return this.backends.find((backend) => !exclude.has(backend.name) && this.ready.get(backend.name));
  }

  async send<T = any>(
    method: string,
    route: string,
    body: unknown,
    idempotencyKey: string,
    deadlineMs = 60_000,
  ): Promise<Answer<T>> {
    const failures: Answer<T>['failures'] = [];
    const deadline = Date.now() + deadlineMs;
    const tried = new Set<string>();
    for (;;) {
      const backend = this.pick(tried);
      if (!backend) {
        if (Date.now() > deadline)
          throw new Error(
            `${method} ${route}: no API server answered (${failures.map((f) => `${f.server}: ${f.error}`).join('; ')})`,
          );
        tried.clear();
        await sleep(200);
        continue;
      }
      try {
        const response = await fetch(`${backend.url}${route}`, {
          method,
          headers: {
            authorization: `Bearer ${this.token}`,
            'content-type': 'application/json',
            'idempotency-key': idempotencyKey,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        return { status: response.status, body: (text ? JSON.parse(text) : null) as T, server: backend.name, failures };
      } catch (error) {
        // No HTTP answer: the server is gone or going. Stop routing to it until /readyz says otherwise.
        failures.push({
          server: backend.name,
          error: ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message,
          at: Date.now(),
        });
        this.ready.set(backend.name, false);
        tried.add(backend.name);
      }
    }
  }

  close(): void {
    clearInterval(this.polling);
  }
}

/** The lead every target is sent: a VP at a business address asking for a demo (tier 1, the full path). */
export function benchLead(email: string, i: number): Record<string, string> {
  return { email, name: `Bench ${i}`, company: 'BigCo', title: 'VP Sales', source: 'demo_request', country: 'US' };
}

/** The bench's calls to the Leadflow API (the same ones a form, a rep's tool or the designer make). */
export class BenchApi {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  async call<T>(
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      // A server killed mid-answer must not hold a caller for ever; the chaos run retries on this error.
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Posts a demo-request lead (tier 1: the full path through assign and notify) to `workflow`. */
  async captureLead(workflow: string, email: string, i: number): Promise<string | null> {
    const { status, body } = await this.call<{ lead?: { id: string } }>('POST', '/api/leads', {
      workflow,
      ...benchLead(email, i),
    });
    return status === 201 && body.lead ? body.lead.id : null;
  }

  /** Tells a lead its rep has contacted it (ends the example workflow's wait). */
  async contacted(leadId: string): Promise<boolean> {
    const { status } = await this.call('POST', `/api/leads/${leadId}/events`, { type: 'contacted' });
    return status === 202;
  }

  /** Creates and publishes a workflow; returns its slug. */
  async publish(draft: unknown, name: string, slug: string): Promise<string> {
    const created = await this.call<{ id: string; slug: string }>('POST', '/api/workflows', { name, slug, draft });
    if (created.status !== 201)
      throw new Error(`creating workflow ${slug}: ${created.status} ${JSON.stringify(created.body)}`);
    const published = await this.call('POST', `/api/workflows/${created.body.id}/publish`, { note: 'benchmark' });
    if (published.status !== 201)
      throw new Error(`publishing ${slug}: ${published.status} ${JSON.stringify(published.body)}`);
    return created.body.slug;
  }
}

/** Runs `task` over `items` with at most `limit` in flight (a closed loop, for setup and wake-ups). */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

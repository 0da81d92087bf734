import type { Problem } from './types';

/** An API answer other than 2xx, with the server's message and the fields or nodes it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Problem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Api {
  /** `headers` adds to the signed ones, e.g. an Idempotency-Key. */
  request<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  get<T>(path: string): Promise<T>;
  /** The bearer token, for streams that fetch on their own. */
  readonly token: string;
}

/** A fetch wrapper that signs every call and turns error answers into `ApiError`s. */
export function createApi(token: string, onUnauthorized: () => void): Api {
  async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers: { ...headers, authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'NETWORK', 'The server cannot be reached. Check that Leadflow is running.', []);
    }
    const text = await response.text();
    let payload: Record<string, unknown> | null = null;
    try {
      payload = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      throw new ApiError(response.status, 'NOT_JSON', `The server answered ${method} ${path} with something other than JSON (HTTP ${response.status}).`, []);
    }
    if (response.status === 401) onUnauthorized();
    if (!response.ok) {
      const problems = Array.isArray(payload?.errors) ? (payload.errors as Problem[]) : [];
      throw new ApiError(response.status, String(payload?.code ?? response.status), String(payload?.message ?? response.statusText), problems);
    }
    return payload as T;
  }
  return { request, get: (path) => request('GET', path), token };
}

/** A readable message for anything a call can throw. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

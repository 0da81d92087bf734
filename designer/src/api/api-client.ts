import type { BulkResult, Problem, TeamModelEntity } from '@leadflow/server/contract';

/** A JSON Schema as the server sends it (the schema form reads it). */
type JsonSchemaLike = Record<string, unknown>;

/** One kind of row in the sales team model (`GET /api/team-model/schemas` keys). */
export type TeamEntity = TeamModelEntity;

/**
 * A row of the team model (rep, team, territory or account) as the generic team pages handle it:
 * the pages are built from each kind's JSON Schema, so they read rows by field name.
 */
export type TeamRow = Record<string, unknown> & { id: string };

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
  /** A GET whose answer is text, not JSON (a form's HTML snippet). */
  getText(path: string): Promise<string>;
  /**
   * Sends a file as the raw request body. XHR rather than fetch: the browser streams the file
   * from disk either way, but only XHR reports how much of it has gone.
   */
  upload<T>(
    path: string,
    file: Blob,
    contentType: string,
    onProgress: (sentBytes: number, totalBytes: number) => void,
  ): Promise<T>;
  /** The bearer token, for streams that fetch on their own. */
  readonly token: string;
}

/** A fetch wrapper that signs every call and turns error answers into `ApiError`s. */
export function createApi(token: string, onUnauthorized: () => void): Api {
  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers: {
          ...headers,
          authorization: `Bearer ${token}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw unreachable();
    }
    const text = await response.text();
    let payload: Record<string, unknown> | null;
    try {
      payload = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      throw new ApiError(
        response.status,
        'NOT_JSON',
        `The server answered ${method} ${path} with something other than JSON (HTTP ${response.status}).`,
        [],
      );
    }
    if (response.status === 401) onUnauthorized();
    if (!response.ok) throw errorFrom(response.status, response.statusText, payload);
    return payload as T;
  }
  async function getText(path: string): Promise<string> {
    const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } }).catch(() => {
      throw unreachable();
    });
    if (response.status === 401) onUnauthorized();
    const text = await response.text();
    if (!response.ok) throw errorFrom(response.status, response.statusText, parseJson(text));
    return text;
  }
  function upload<T>(
    path: string,
    file: Blob,
    contentType: string,
    onProgress: (sent: number, total: number) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.setRequestHeader('content-type', contentType);
      xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
      xhr.onerror = () => reject(unreachable());
      xhr.onload = () => {
        if (xhr.status === 401) onUnauthorized();
        const payload = parseJson(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300) resolve(payload as T);
        else reject(errorFrom(xhr.status, xhr.statusText, payload));
      };
      xhr.send(file);
    });
  }
  return { request, get: (path) => request('GET', path), getText, upload, token };
}

const unreachable = () =>
  new ApiError(0, 'NETWORK', 'The server cannot be reached. Check that Leadflow is running.', []);

function parseJson(text: string): Record<string, unknown> | null {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function errorFrom(status: number, statusText: string, payload: Record<string, unknown> | null): ApiError {
  const problems = Array.isArray(payload?.errors) ? (payload.errors as Problem[]) : [];
  return new ApiError(status, String(payload?.code ?? status), String(payload?.message ?? statusText), problems);
}

/** A readable message for anything a call can throw. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What a failure says about each field it names, by path (`name`, `mapping.E-mail`); a failure
 * naming no field is under ''. Several problems on one field are joined.
 */
export function problemsByPath(failure: unknown): Record<string, string> {
  const byPath: Record<string, string> = {};
  if (!(failure instanceof ApiError) || failure.problems.length === 0) return { '': errorMessage(failure) };
  for (const problem of failure.problems)
    byPath[problem.path] = byPath[problem.path] ? `${byPath[problem.path]}; ${problem.message}` : problem.message;
  return byPath;
}

/** Typed calls of the sales team model (reps, teams, territories, accounts). */
export const teamModelApi = {
  schemas: (api: Api) => api.get<Record<TeamEntity, JsonSchemaLike>>('/api/team-model/schemas'),
  list: (api: Api, path: string, key: string) =>
    api.get<Record<string, TeamRow[]>>(path).then((body) => body[key] ?? []),
  create: (api: Api, path: string, body: unknown) => api.request<TeamRow>('POST', path, body),
  update: (api: Api, path: string, body: unknown) => api.request<TeamRow>('PATCH', path, body),
  remove: (api: Api, path: string) => api.request<{ outcome: 'deleted' | 'archived' }>('DELETE', path),
  bulk: (api: Api, path: string, key: string, items: unknown[], dryRun: boolean) =>
    api.request<BulkResult>('POST', `${path}/bulk${dryRun ? '?dryRun=true' : ''}`, { [key]: items }),
};

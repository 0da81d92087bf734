import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { classifyAddress } from './private-address.js';
import { retryDelayMs } from './retry-delay.js';

export interface OutboundRequest {
  url: string;
  /** @default 'GET' */
  method?: string;
  headers?: Readonly<Record<string, string>>;
  body?: string;
  /** Per attempt, from DNS lookup to the last byte of the answer. @default 10000 */
  timeoutMs?: number;
  /** Extra attempts inside this call after a transient failure (network, timeout, 408, 429, 5xx). @default 0 */
  retries?: number;
  /** `host` or `host:port` that may resolve to a private or loopback address; everything else private is refused. */
  allowHosts: readonly string[];
  /** Answers larger than this are refused, so a vendor cannot fill the worker's memory. @default 1 MiB */
  maxBytes?: number;
}

export interface OutboundResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON when the content type says JSON (null when empty), else the text. */
  body: unknown;
}

export type OutboundFailure =
  'refused' | 'invalid_request' | 'network' | 'timeout' | 'status' | 'redirect' | 'invalid_response';

/** A failed outbound call. `retryable` says whether trying again later can help. */
export class OutboundHttpError extends Error {
  override readonly name = 'OutboundHttpError';
  readonly failure: OutboundFailure;
  readonly retryable: boolean;
  /** `host` or `host:port` of the URL called: safe to show (no path, query or credentials). */
  readonly host: string;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
  /** The answer, for `status` and `invalid_response` failures (the vendor's error body helps). */
  readonly response?: OutboundResponse;
  /** How many attempts were made inside the call. */
  readonly attempts: number;

  constructor(
    message: string,
    details: {
      failure: OutboundFailure;
      retryable: boolean;
      host: string;
      status?: number;
      response?: OutboundResponse;
      attempts?: number;
    },
  ) {
    super(message);
    this.failure = details.failure;
    this.retryable = details.retryable;
    this.host = details.host;
    if (details.status !== undefined) this.status = details.status;
    if (details.response !== undefined) this.response = details.response;
    this.attempts = details.attempts ?? 1;
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 1_048_576;

/**
 * Calls an outside service and returns its answer; throws `OutboundHttpError` for anything but
 * a 2xx. Only http(s). Addresses that are not on the public internet are refused unless the
 * host is allowed: the check runs inside the socket's DNS lookup, so the address vetted is the
 * address connected to (a second resolution cannot swap in 127.0.0.1). Redirects are not
 * followed, since the target would escape the check and the allow-list.
 */
export async function requestJson(options: OutboundRequest): Promise<OutboundResponse> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new OutboundHttpError('the URL is not a valid absolute URL', {
      failure: 'invalid_request',
      retryable: false,
      host: '',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundHttpError(`only http and https URLs can be called, not ${url.protocol.slice(0, -1)}`, {
      failure: 'invalid_request',
      retryable: false,
      host: url.host,
    });
  }
  const attempts = 1 + Math.max(0, Math.floor(options.retries ?? 0));
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(url, options);
    } catch (error) {
      const failure = asOutboundError(error, url, options.method);
      if (!failure.retryable || attempt >= attempts) {
        if (attempt === 1) throw failure;
        const { failure: kind, retryable, host, status, response } = failure;
        throw new OutboundHttpError(`${failure.message} (after ${attempt} attempts)`, {
          failure: kind,
          retryable,
          host,
          status,
          response,
          attempts: attempt,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
    }
  }
}

function methodOf(method: string | undefined): string {
  return (method ?? 'GET').toUpperCase();
}

/** Host without brackets or trailing dot, lower case: `[::1]` → `::1`, `Api.Example.com.` → `api.example.com`. */
function bareHost(hostname: string): string {
  return hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

function isAllowedHost(url: URL, allowHosts: readonly string[]): boolean {
  const host = bareHost(url.hostname);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const forms = isIP(host) === 6 ? [host, `[${host}]`, `[${host}]:${port}`] : [host, `${host}:${port}`];
  return allowHosts.some((entry) => forms.includes(entry.trim().replace(/\.$/, '').toLowerCase()));
}

function refusal(url: URL, address: string, kind: string): OutboundHttpError {
  const what = isIP(bareHost(url.hostname)) ? 'it is' : `it resolves to ${address},`;
  return new OutboundHttpError(
    `refused to call ${url.host}: ${what} a ${kind} address; add the host to the allowed outbound hosts (LEADFLOW_HTTP_ALLOW) if it is meant to be reached`,
    { failure: 'refused', retryable: false, host: url.host },
  );
}

/** A socket lookup that resolves every address of the host and refuses the call if any is not public. */
function guardedLookup(url: URL): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true }).then(
      (addresses) => {
        for (const { address } of addresses) {
          const kind = classifyAddress(address);
          if (kind) return callback(refusal(url, address, kind), '', 0);
        }
        const usable =
          options.family === 4 || options.family === 6
            ? addresses.filter((a) => a.family === options.family)
            : addresses;
        const first = usable[0];
        if (!first)
          return callback(
            Object.assign(new Error(`no IPv${options.family} address for ${hostname}`), { code: 'ENOTFOUND' }),
            '',
            0,
          );
        if (options.all) return callback(null, usable);
        return callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

function requestHeaders(options: OutboundRequest): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers };
  const has = (name: string): boolean => Object.keys(headers).some((key) => key.toLowerCase() === name);
  if (!has('accept')) headers.accept = 'application/json';
  if (!has('user-agent')) headers['user-agent'] = 'Leadflow';
  if (options.body !== undefined) {
    if (!has('content-type'))
      headers['content-type'] = looksLikeJsonText(options.body) ? 'application/json' : 'text/plain; charset=utf-8';
    headers['content-length'] = String(Buffer.byteLength(options.body));
  }
  return headers;
}

function looksLikeJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function attemptOnce(url: URL, options: OutboundRequest): Promise<OutboundResponse> {
  const method = methodOf(options.method);
  const allowed = isAllowedHost(url, options.allowHosts);
  const literal = bareHost(url.hostname);
  if (!allowed && isIP(literal)) {
    // A literal IP never goes through the lookup, so it is checked here.
    const kind = classifyAddress(literal);
    if (kind) return Promise.reject(refusal(url, literal, kind));
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise<OutboundResponse>((resolve, reject) => {
    let request: http.ClientRequest | undefined;
    let settled = false;
    const finish = (error: unknown, response?: OutboundResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(response as OutboundResponse);
    };
    const timer = setTimeout(() => {
      finish(
        new OutboundHttpError(`${method} ${url.host} timed out after ${timeoutMs / 1000}s`, {
          failure: 'timeout',
          retryable: true,
          host: url.host,
        }),
      );
      request?.destroy();
    }, timeoutMs);
    try {
      const transport = url.protocol === 'https:' ? https : http;
      // agent: false: a pooled socket could outlive the check it was opened under.
      request = transport.request(
        url,
        { method, headers: requestHeaders(options), agent: false, ...(allowed ? {} : { lookup: guardedLookup(url) }) },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              finish(
                new OutboundHttpError(`${method} ${url.host} answered with more than ${maxBytes} bytes`, {
                  failure: 'invalid_response',
                  retryable: false,
                  host: url.host,
                  status: response.statusCode ?? 0,
                }),
              );
              request?.destroy();
            } else chunks.push(chunk);
          });
          response.on('error', (error) => finish(error));
          response.on('aborted', () => finish(new Error('the connection closed before the answer was complete')));
          response.on('end', () => {
            try {
              finish(null, toResponse(method, url, response, Buffer.concat(chunks).toString('utf8')));
            } catch (error) {
              finish(error);
            }
          });
        },
      );
    } catch (error) {
      // Node refuses header names and values it cannot send (a line break from a lead field, say).
      finish(
        new OutboundHttpError(`cannot send ${method} ${url.host}: ${(error as Error).message}`, {
          failure: 'invalid_request',
          retryable: false,
          host: url.host,
        }),
      );
      return;
    }
    request.on('error', (error) => finish(error));
    request.end(options.body);
  });
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function toResponse(method: string, url: URL, message: http.IncomingMessage, text: string): OutboundResponse {
  const status = message.statusCode ?? 0;
  const headers = flattenHeaders(message.headers);
  const isJson = /\bjson\b|\+json\b/i.test(headers['content-type'] ?? '');
  const ok = status >= 200 && status < 300;
  let body: unknown = text;
  if (isJson) {
    try {
      body = text.trim() === '' ? null : JSON.parse(text);
    } catch {
      // An error page may claim JSON and not be; its status is the news, so keep the text.
      if (ok) {
        throw new OutboundHttpError(`${method} ${url.host} answered ${status} with malformed JSON`, {
          failure: 'invalid_response',
          retryable: false,
          host: url.host,
          status,
          response: { status, headers, body: text },
        });
      }
    }
  }
  const response: OutboundResponse = { status, headers, body };
  if (ok) return response;
  const statusText = `${status}${message.statusMessage ? ` ${message.statusMessage}` : ''}`;
  if (status >= 300 && status < 400) {
    const text = `${method} ${url.host} answered ${statusText} (a redirect${redirectTarget(headers.location, url)}); redirects are not followed, call the final URL instead`;
    throw new OutboundHttpError(text, { failure: 'redirect', retryable: false, host: url.host, status, response });
  }
  const retryable = status === 408 || status === 429 || status >= 500;
  throw new OutboundHttpError(`${method} ${url.host} answered ${statusText}`, {
    failure: 'status',
    retryable,
    host: url.host,
    status,
    response,
  });
}

function redirectTarget(location: string | undefined, base: URL): string {
  try {
    return location ? ` to ${new URL(location, base).host}` : '';
  } catch {
    return ''; // a broken Location header still makes a redirect; the status says enough
  }
}

/** Network trouble (reset, refused port, DNS) may pass: retryable. */
function asOutboundError(error: unknown, url: URL, method: string | undefined): OutboundHttpError {
  if (error instanceof OutboundHttpError) return error;
  const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  const message = (error as Error).message;
  const text = message && !message.includes(String(detail)) ? `${detail} (${message})` : message || String(detail);
  return new OutboundHttpError(`${methodOf(method)} ${url.host} failed: ${text}`, {
    failure: 'network',
    retryable: true,
    host: url.host,
  });
}

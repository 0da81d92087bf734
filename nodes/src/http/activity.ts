import { defineNodeActivity } from '@leadflow/engine/worker';
import { renderTemplate } from '../shared/template.js';
import { OutboundHttpError, type OutboundResponse, requestJson } from '../shared/outbound-http.js';
import { renderBodyTemplate, renderUrlTemplate } from '../shared/request-templates.js';
import { valueAtPath } from '../shared/value-at-path.js';
import { parseDuration } from '../wait/duration.js';
import { DEFAULT_CALL_TIMEOUT, httpNode } from './definition.js';
import { HTTP_AUTH_KINDS } from '@leadflow/engine';
import { authHeaders } from '@leadflow/engine/credentials';

/** The step trail keeps answers, not archives: a larger body is cut to a text preview. */
const MAX_BODY_IN_TRAIL = 4_000;

function bodyForTrail(body: unknown): unknown {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (text === undefined || text.length <= MAX_BODY_IN_TRAIL) return body;
  return { truncated: true, preview: text.slice(0, MAX_BODY_IN_TRAIL) };
}

function saveFromAnswer(
  response: OutboundResponse,
  saveAs: ReadonlyArray<{ from: string; to: string }>,
): { saved: Record<string, unknown>; missing: string[] } {
  const saved: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const { from, to } of saveAs) {
    const value = valueAtPath(response.body, from);
    if (value === undefined) missing.push(from);
    else saved[to] = value;
  }
  return { saved, missing };
}

/**
 * Sends the request. A transient failure is thrown so Temporal retries the activity (with the
 * same Idempotency-Key); a refusal — 4xx, redirect, malformed answer, address not allowed —
 * would fail again, so the lead leaves by "failed" with the reason.
 */
export const httpActivity = defineNodeActivity(httpNode, async (config, ctx) => {
  const url = renderUrlTemplate(config.url, ctx.lead);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    // validate() makes this unreachable for a checked graph; a retry would not fix it either.
    return {
      port: 'failed',
      output: { request: { method: config.method } },
      reason: 'the URL is not valid once filled from the lead, so the lead left by failed',
    };
  }
  // Path without the query: a query often carries API keys, which do not belong in the trail.
  const request = { method: config.method, url: `${target.origin}${target.pathname}` };
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(config.headers ?? {}))
    headers[name] = renderTemplate(template, ctx.lead, { singleLine: true });
  headers['Idempotency-Key'] = ctx.idempotencyKey;
  if (ctx.dryRun) {
    return {
      port: 'ok',
      output: { request, dryRun: true },
      reason: `test run: would call ${config.method} ${target.host}${target.pathname}; continuing as if it answered 2xx`,
    };
  }
  // Opened here, at run time: the secret reaches the request and nothing else (not the trail, not Temporal).
  if (config.credential)
    Object.assign(headers, authHeaders(await ctx.services.credentials.resolve(config.credential, HTTP_AUTH_KINDS)));
  let response: OutboundResponse;
  try {
    response = await requestJson({
      url,
      method: config.method,
      headers,
      ...(config.body === undefined ? {} : { body: renderBodyTemplate(config.body, ctx.lead) }),
      timeoutMs: parseDuration(config.timeout ?? DEFAULT_CALL_TIMEOUT) ?? undefined,
      allowHosts: ctx.services.http.allowHosts,
    });
  } catch (error) {
    if (!(error instanceof OutboundHttpError) || error.retryable) throw error;
    return {
      port: 'failed',
      output: {
        request,
        status: error.status ?? null,
        error: error.message,
        response: error.response ? bodyForTrail(error.response.body) : null,
      },
      reason: `${error.message}, so the lead left by failed`,
    };
  }
  const { saved, missing } = saveFromAnswer(response, config.saveAs ?? []);
  const savedNames = Object.keys(saved).map((name) => `custom.${name}`);
  const savedText = savedNames.length ? `; saved ${savedNames.join(', ')}` : '';
  const missingText = missing.length ? `; not in the answer: ${missing.join(', ')}` : '';
  return {
    port: 'ok',
    output: { request, status: response.status, response: bodyForTrail(response.body), saved, missing },
    ...(savedNames.length ? { patch: { custom: saved } } : {}),
    reason: `${config.method} ${target.host} answered ${response.status}${savedText}${missingText}`,
  };
});

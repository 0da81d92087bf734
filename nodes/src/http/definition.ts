import { type ConfigIssue, defineActivityNode, HTTP_AUTH_KINDS } from '@leadflow/engine';
import { type Static, Type } from 'typebox';
import { unknownPlaceholders } from '../shared/template.js';
import { bodyTemplateProblem, urlTemplateProblem } from '../shared/request-templates.js';
import { timeoutProblem } from '../shared/timeout-setting.js';
import { VALUE_PATH_PATTERN } from '../shared/value-at-path.js';
import { credentialField, namedCredential } from '../shared/credential-field.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The longest a call may take; the activity's own limit (`timeoutMs` below) leaves room above it. */
export const MAX_CALL_MS = 30_000;
export const DEFAULT_CALL_TIMEOUT = '10s';

/** Set by the node itself (or by the HTTP stack); a config that set them would break idempotency or framing. */
const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'idempotency-key',
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const httpConfigSchema = Type.Object(
  {
    method: Type.Enum(HTTP_METHODS, { title: 'Method' }),
    url: Type.String({
      minLength: 1,
      maxLength: 2000,
      title: 'URL',
      description:
        'e.g. https://api.hubapi.com/crm/v3/objects/contacts?email={{email}}. Placeholders are URL-encoded; the host is written out, never filled from the lead.',
      'x-editor': 'template',
    }),
    credential: credentialField(
      'Authentication',
      'The credential the call authenticates with: an HTTP header (an API key), a bearer token or basic auth.',
      HTTP_AUTH_KINDS,
    ),
    headers: Type.Optional(
      Type.Record(Type.String(), Type.String({ maxLength: 2000, 'x-editor': 'template' }), {
        title: 'Headers',
        description:
          'Name → value; values may use {{placeholders}}. An Idempotency-Key header is always sent. Put API keys in a credential (above), not here.',
      }),
    ),
    body: Type.Optional(
      Type.String({
        maxLength: 20_000,
        title: 'Body',
        description:
          'A body starting with { or [ is JSON: write "{{email}}" in quotes for text, {{employees}} bare for its JSON value.',
        'x-editor': 'template',
        'x-multiline': true,
      }),
    ),
    timeout: Type.Optional(
      Type.String({
        maxLength: 20,
        title: 'Timeout',
        description: `Per attempt, e.g. 10s (at most ${MAX_CALL_MS / 1000}s). Default ${DEFAULT_CALL_TIMEOUT}.`,
      }),
    ),
    saveAs: Type.Optional(
      Type.Array(
        Type.Object(
          {
            from: Type.String({
              pattern: VALUE_PATH_PATTERN,
              maxLength: 200,
              title: 'From',
              description: 'Dot path in the JSON answer, e.g. id or results.0.id',
            }),
            to: Type.String({
              pattern: '^[A-Za-z][A-Za-z0-9_]*$',
              maxLength: 60,
              title: 'To',
              description: 'Custom field of the lead, e.g. crmContactId',
            }),
          },
          { additionalProperties: false },
        ),
        {
          maxItems: 50,
          title: 'Save from the answer',
          description: "Copies values of a 2xx answer into the lead's custom fields.",
        },
      ),
    ),
  },
  { additionalProperties: false },
);

export type HttpConfig = Static<typeof httpConfigSchema>;

const placeholderIssues = (path: string, template: string): ConfigIssue[] =>
  unknownPlaceholders(template).map((name) => ({ path, message: `{{${name}}} is not a lead field` }));

function validateHttp(config: HttpConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const urlProblem = urlTemplateProblem(config.url);
  if (urlProblem) issues.push({ path: 'url', message: urlProblem });
  issues.push(...placeholderIssues('url', config.url));
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    const path = `headers.${name}`;
    if (!HEADER_NAME.test(name)) issues.push({ path, message: `'${name}' is not a valid header name` });
    else if (RESERVED_HEADERS.has(name.toLowerCase()))
      issues.push({ path, message: `${name} is set by the node itself` });
    if (/[\r\n]/.test(value)) issues.push({ path, message: 'a header value must be one line' });
    issues.push(...placeholderIssues(path, value));
  }
  if (config.body !== undefined) {
    if (config.method === 'GET')
      issues.push({ path: 'body', message: 'a GET request has no body; use POST, PUT or PATCH' });
    const bodyProblem = bodyTemplateProblem(config.body);
    if (bodyProblem) issues.push({ path: 'body', message: bodyProblem });
    issues.push(...placeholderIssues('body', config.body));
  }
  const timeout = timeoutProblem(config.timeout ?? DEFAULT_CALL_TIMEOUT, MAX_CALL_MS);
  if (timeout) issues.push({ path: 'timeout', message: timeout });
  const targets = new Set<string>();
  (config.saveAs ?? []).forEach((save, i) => {
    if (targets.has(save.to))
      issues.push({
        path: `saveAs[${i}].to`,
        message: `custom field '${save.to}' is already filled by an earlier entry`,
      });
    targets.add(save.to);
  });
  return issues;
}

/**
 * Calls any CRM or tool. Safe to retry: every attempt of one visit sends the same
 * Idempotency-Key, so a CRM that honours it creates the record once.
 */
export const httpNode = defineActivityNode({
  type: 'http',
  version: 1,
  title: 'HTTP request',
  category: 'data',
  icon: '🌐',
  description:
    'Calls any CRM or tool over HTTP with lead fields filled into the URL, headers and body, and saves values from the answer into the lead\'s custom fields. Leaves by "failed" when the service refuses the request.',
  configSchema: httpConfigSchema,
  defaultConfig: {
    method: 'POST',
    url: 'https://example.com/webhooks/leads',
    headers: {},
    body: '{"email": "{{email}}", "name": "{{fullName}}", "company": "{{company}}"}',
    timeout: DEFAULT_CALL_TIMEOUT,
    saveAs: [],
  },
  ports: [
    { name: 'ok', label: 'OK', description: 'the service answered 2xx' },
    {
      name: 'failed',
      label: 'Failed',
      description: 'the service refused the request (4xx, redirect, bad answer) or the address is not allowed',
    },
  ],
  // A transient failure (network, timeout, 429, 5xx) is retried by Temporal with the same Idempotency-Key.
  timeoutMs: MAX_CALL_MS + 5_000,
  validate: validateHttp,
  credentialsOf: (config) => namedCredential(config.credential, 'credential', HTTP_AUTH_KINDS),
  summary: (config) => {
    const target = config.url.replace(/^https?:\/\//, '');
    return `${config.method} ${target.length > 60 ? `${target.slice(0, 59)}…` : target}`;
  },
});

import { type Static, type TSchema, Type } from 'typebox';

const Text = (title: string, maxLength = 2000) => Type.String({ minLength: 1, maxLength, title });
/** A value that is itself the secret (a form masks it as it is typed); a header name or user name is not. */
const Secret = (title: string) => Type.String({ minLength: 1, maxLength: 2000, title, 'x-secret': true });
const Url = (title: string) =>
  Type.String({
    minLength: 1,
    maxLength: 2000,
    pattern: '^https?://',
    title,
    description: 'Starts with https:// (or http://).',
    'x-secret': true,
  });

/**
 * What each kind of credential holds. The one source of the secret's type, the API's body
 * validation (per kind) and the docs; a node's config names a credential by id and the kinds it takes.
 */
export const CREDENTIAL_KINDS = {
  http_header: Type.Object(
    { header: Text('Header name', 200), value: Secret('Header value') },
    {
      additionalProperties: false,
      title: 'HTTP header',
      description: 'One header sent with every call, e.g. X-Api-Key: … for a vendor API.',
    },
  ),
  bearer: Type.Object(
    { token: Secret('Token') },
    { additionalProperties: false, title: 'Bearer token', description: 'Sent as Authorization: Bearer <token>.' },
  ),
  basic_auth: Type.Object(
    { username: Text('User name', 200), password: Secret('Password') },
    {
      additionalProperties: false,
      title: 'Basic auth',
      description: 'A user name and password, sent as Authorization: Basic.',
    },
  ),
  slack_webhook: Type.Object(
    { url: Url('Incoming webhook URL') },
    {
      additionalProperties: false,
      title: 'Slack incoming webhook',
      description: 'The https://hooks.slack.com/… address Slack gives an incoming webhook.',
    },
  ),
  webhook: Type.Object(
    {
      url: Url('URL'),
      signingSecret: Type.Optional(
        Type.String({
          minLength: 16,
          maxLength: 200,
          title: 'Signing secret',
          'x-secret': true,
          description: 'Deliveries carry Leadflow-Signature: t=…,v1=HMAC-SHA256 of "<t>.<body>".',
        }),
      ),
    },
    {
      additionalProperties: false,
      title: 'Outgoing webhook',
      description: 'An address notify posts JSON to, optionally signed.',
    },
  ),
  smtp: Type.Object(
    {
      url: Type.String({
        minLength: 1,
        maxLength: 2000,
        pattern: '^smtps?://',
        title: 'SMTP URL',
        description: 'Starts with smtp:// or smtps://.',
        'x-secret': true,
      }),
    },
    {
      additionalProperties: false,
      title: 'SMTP server',
      description: 'smtp://user:password@host:587 (smtps:// for TLS from the start).',
    },
  ),
} as const satisfies Record<string, TSchema>;

export type CredentialKind = keyof typeof CREDENTIAL_KINDS;
export const CREDENTIAL_KIND_NAMES = Object.keys(CREDENTIAL_KINDS) as CredentialKind[];

export type CredentialSecret = {
  [K in CredentialKind]: { kind: K; secret: Static<(typeof CREDENTIAL_KINDS)[K]> };
}[CredentialKind];

/** Kinds that authenticate an HTTP call: what an http node or an HTTP enrichment provider takes. */
export const HTTP_AUTH_KINDS: readonly CredentialKind[] = ['http_header', 'bearer', 'basic_auth'];

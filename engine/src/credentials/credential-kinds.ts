import { type Static, type TSchema, Type } from 'typebox';

const Text = (title: string, maxLength = 2000) => Type.String({ minLength: 1, maxLength, title });
const Url = (title: string) => Type.String({ minLength: 1, maxLength: 2000, pattern: '^https?://', title });

/**
 * What each kind of credential holds. The one source of the secret's type, the API's body
 * validation (per kind) and the docs; a node's config names a credential by id and the kinds it takes.
 */
export const CREDENTIAL_KINDS = {
  http_header: Type.Object({ header: Text('Header name', 200), value: Text('Header value') }, { additionalProperties: false, title: 'HTTP header' }),
  bearer: Type.Object({ token: Text('Token') }, { additionalProperties: false, title: 'Bearer token' }),
  basic_auth: Type.Object({ username: Text('User name', 200), password: Text('Password') }, { additionalProperties: false, title: 'Basic auth' }),
  slack_webhook: Type.Object({ url: Url('Incoming webhook URL') }, { additionalProperties: false, title: 'Slack incoming webhook' }),
  webhook: Type.Object(
    { url: Url('URL'), signingSecret: Type.Optional(Type.String({ minLength: 16, maxLength: 200, title: 'Signing secret', description: 'Deliveries carry Leadflow-Signature: t=…,v1=HMAC-SHA256 of "<t>.<body>".' })) },
    { additionalProperties: false, title: 'Outgoing webhook' },
  ),
  smtp: Type.Object({ url: Type.String({ minLength: 1, maxLength: 2000, pattern: '^smtps?://', title: 'SMTP URL' }) }, { additionalProperties: false, title: 'SMTP server' }),
} as const satisfies Record<string, TSchema>;

export type CredentialKind = keyof typeof CREDENTIAL_KINDS;
export const CREDENTIAL_KIND_NAMES = Object.keys(CREDENTIAL_KINDS) as CredentialKind[];

export type CredentialSecret = { [K in CredentialKind]: { kind: K; secret: Static<(typeof CREDENTIAL_KINDS)[K]> } }[CredentialKind];

/** Kinds that authenticate an HTTP call: what an http node or an HTTP enrichment provider takes. */
export const HTTP_AUTH_KINDS: readonly CredentialKind[] = ['http_header', 'bearer', 'basic_auth'];

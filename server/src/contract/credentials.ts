import { CREDENTIAL_KIND_NAMES, CREDENTIAL_KINDS } from '@leadflow/engine';
import { type Static, Type } from 'typebox';

export const CredentialSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  kind: Type.Enum(CREDENTIAL_KIND_NAMES),
  fingerprint: Type.String({
    description: 'A short one-way hash of the secret: changes when it is replaced, shows nothing of it.',
  }),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  usedBy: Type.Array(Type.String(), { description: 'Workflows whose draft or a published version names it.' }),
});

const Name = Type.String({ minLength: 1, maxLength: 100 });
const SecretBody = Type.Union(Object.values(CREDENTIAL_KINDS), {
  description:
    'What the kind holds: http_header {header, value}; bearer {token}; basic_auth {username, password}; slack_webhook {url}; webhook {url, signingSecret?}; smtp {url}. Never returned.',
});

export const CreateCredentialBody = Type.Object(
  { name: Name, kind: Type.Enum(CREDENTIAL_KIND_NAMES), secret: SecretBody },
  { additionalProperties: false },
);
export const ReplaceSecretBody = Type.Object({ secret: SecretBody }, { additionalProperties: false });
export const RenameCredentialBody = Type.Object({ name: Name }, { additionalProperties: false });

export const CredentialKindsSchema = Type.Object({
  kinds: Type.Array(
    Type.Object({
      kind: Type.Enum(CREDENTIAL_KIND_NAMES),
      title: Type.String(),
      description: Type.String(),
      schema: Type.Record(Type.String(), Type.Unknown(), {
        description: "JSON Schema of the kind's secret; fields marked x-secret are the secret itself.",
      }),
    }),
  ),
});

export type Credential = Static<typeof CredentialSchema>;
export type CredentialKinds = Static<typeof CredentialKindsSchema>;

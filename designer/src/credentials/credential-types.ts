import type { JsonSchema } from '../schema-form';

/** A stored credential as the API shows it (`GET /api/credentials`): never its secret. */
export interface Credential {
  id: string;
  name: string;
  kind: string;
  /** A short one-way hash of the secret: changes when it is replaced, shows nothing of it. */
  fingerprint: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  /** Slugs of the workflows whose draft or a published version names it. */
  usedBy: string[];
}

/** A kind of credential and what its secret holds (`GET /api/credential-kinds`). */
export interface CredentialKindInfo {
  kind: string;
  title: string;
  description: string;
  schema: JsonSchema;
}

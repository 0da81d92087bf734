import type { NamedCredential } from '@leadflow/engine';
import { Type } from 'typebox';

/**
 * A config field naming a credential by id (the secret stays in the credential store and is
 * opened by the activity at run time); the designer offers the credentials of these kinds.
 */
export function credentialField(title: string, description: string, kinds: readonly string[]) {
  return Type.Optional(
    Type.String({
      format: 'uuid',
      title,
      description: `${description} Manage credentials on the Credentials page (or /api/credentials); the secret never shows in the graph, the trail or Temporal.`,
      'x-picker': 'credential',
      'x-credential-kinds': [...kinds],
    }),
  );
}

/** The credential a config field names, for the compiler's check that it exists and has a kind the node takes. */
export function namedCredential(id: string | undefined, path: string, kinds: readonly string[]): NamedCredential[] {
  return id ? [{ id, path, kinds }] : [];
}

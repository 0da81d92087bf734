import { useEffect, useMemo } from 'react';
import { type Api, ApiError } from '../api/api-client';
import { useLoad } from '../app/use-load';
import type { CredentialChoice } from '../schema-form';
import type { Credential, CredentialKindInfo } from './credential-types';

/** The credentials and kinds, or null where the token may not list them (403). */
export async function loadCredentials(
  api: Api,
): Promise<{ credentials: Credential[]; kinds: CredentialKindInfo[] } | null> {
  try {
    const [list, kinds] = await Promise.all([
      api.get<{ credentials: Credential[] }>('/api/credentials'),
      api.get<{ kinds: CredentialKindInfo[] }>('/api/credential-kinds'),
    ]);
    return { credentials: list.credentials, kinds: kinds.kinds };
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 403) return null;
    throw failure;
  }
}

/**
 * The credentials a node form's credential fields offer, by name. Read again whenever the window
 * comes back into focus: "New credential…" opens the Credentials page in another tab, and the
 * one made there is offered on return. Undefined while loading, or when the token may not list them.
 */
export function useCredentialChoices(
  api: Api,
  enabled: boolean,
): { choices: CredentialChoice[] | undefined; error: string | null } {
  const loaded = useLoad(async () => (enabled ? loadCredentials(api) : null), `credential-choices-${enabled}`);
  const { reload } = loaded;
  useEffect(() => {
    if (!enabled) return;
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [enabled, reload]);
  const choices = useMemo(() => {
    if (!loaded.data) return undefined;
    const titles = new Map(loaded.data.kinds.map((kind) => [kind.kind, kind.title]));
    return loaded.data.credentials.map((credential) => ({
      id: credential.id,
      name: credential.name,
      kind: credential.kind,
      kindTitle: titles.get(credential.kind),
    }));
  }, [loaded.data]);
  return { choices, error: loaded.error };
}

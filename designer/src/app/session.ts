const KEY = 'leadflow.token';

/**
 * The token the designer signs in with. `npm start` prints a link carrying it in the URL
 * fragment (never sent to the server or kept in its logs); it is moved to this tab's storage at once.
 */
export function takeTokenFromUrl(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return null;
  const token = decodeURIComponent(match[1]);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}

/** This tab's token, else the one kept on this computer when its user asked to be remembered. */
export const storedToken = (): string | null => window.sessionStorage.getItem(KEY) ?? window.localStorage.getItem(KEY);

/**
 * Keeps the token for this tab only (sessionStorage: gone when the tab closes, never seen by other
 * tabs), and on this computer too only when `remember` (localStorage, until signing out).
 */
export function storeToken(token: string, remember: boolean): void {
  window.sessionStorage.setItem(KEY, token);
  if (remember) window.localStorage.setItem(KEY, token);
  else window.localStorage.removeItem(KEY);
}

export function forgetToken(): void {
  window.sessionStorage.removeItem(KEY);
  window.localStorage.removeItem(KEY);
}

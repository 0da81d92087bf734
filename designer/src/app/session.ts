const KEY = 'leadflow.token';

/**
 * The token the designer signs in with. `npm start` prints a link carrying it in the URL
 * fragment (never sent to the server or kept in its logs); it is moved to local storage at once.
 */
export function takeTokenFromUrl(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return null;
  const token = decodeURIComponent(match[1]);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}

export const storedToken = (): string | null => window.localStorage.getItem(KEY);
export const storeToken = (token: string): void => window.localStorage.setItem(KEY, token);
export const forgetToken = (): void => window.localStorage.removeItem(KEY);

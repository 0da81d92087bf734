import { type FormEvent, useState } from 'react';

/** Asks for an API token; `npm start` prints one (and a link that signs in directly). */
export function SignIn(props: { error: string | null; busy: boolean; onSubmit(token: string): void }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) props.onSubmit(token.trim());
  };
  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Leadflow</h1>
        <p>Sign in with an API token. <code>npm start</code> prints the admin token and a link that signs you in.</p>
        <label htmlFor="token">API token</label>
        <input id="token" type="password" autoComplete="current-password" value={token} onChange={(event) => setToken(event.target.value)} aria-describedby={props.error ? 'sign-in-error' : undefined} autoFocus />
        {props.error && (
          <p id="sign-in-error" role="alert" className="error-text">
            {props.error}
          </p>
        )}
        <button type="submit" className="primary" disabled={props.busy || !token.trim()}>
          {props.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

import { type FormEvent, useState } from 'react';

/** Asks for an API token; `npm start` prints one (and a link that signs in directly). */
export function SignIn(props: {
  error: string | null;
  busy: boolean;
  onSubmit(token: string, remember: boolean): void;
}) {
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) props.onSubmit(token.trim(), remember);
  };
  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Leadflow</h1>
        <p>
          Sign in with an API token. <code>npm start</code> prints the admin token and a link that signs you in.
        </p>
        <label htmlFor="token">API token</label>
        <input
          id="token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-describedby={props.error ? 'sign-in-error' : undefined}
          autoFocus
        />
        <label className="remember" htmlFor="remember">
          <input
            id="remember"
            type="checkbox"
            checked={remember}
            onChange={(event) => setRemember(event.target.checked)}
            aria-describedby="remember-hint"
          />
          Remember me on this computer
        </label>
        <p id="remember-hint" className="muted">
          Otherwise you are signed out when this tab closes. Leave it off on a shared computer.
        </p>
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

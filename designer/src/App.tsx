import { useEffect, useState } from 'react';

interface Health {
  status: string;
  db: { ok: boolean };
  temporal: { ok: boolean };
}

/** Placeholder until the designer lands: shows the server's health and where the API lives. */
export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch('/healthz')
      .then((response) => response.json() as Promise<Health>)
      .then(setHealth)
      .catch((reason: Error) => setError(reason.message));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '48px auto', lineHeight: 1.5 }}>
      <h1>Leadflow</h1>
      <p>
        The visual designer is on its way. Meanwhile the API is fully usable: see the <a href="/docs">API docs</a>.
      </p>
      {error && <p role="alert">Could not reach the server: {error}</p>}
      {!health && !error && <p aria-busy="true">Checking the server…</p>}
      {health && (
        <p>
          Server: <strong>{health.status}</strong> · Postgres {health.db.ok ? 'reachable' : 'unreachable'} · Temporal{' '}
          {health.temporal.ok ? 'reachable' : 'unreachable'}
        </p>
      )}
    </main>
  );
}

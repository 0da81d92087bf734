import type { AppServices } from '../services/app-services.js';

/**
 * The server's housekeeping, one pass at a time (a slow pass is never overlapped by the next):
 * start lead workflows that have not started — Temporal was down, or a CSV import wrote the
 * leads — at most 200 a pass, so a 100,000-row import reaches Temporal at a bounded pace; and
 * mark failed the imports whose server stopped mid-file. The first pass runs at once, so an
 * import a crash left `running` is closed as soon as the server is back. Returns a stop function.
 */
export function startBackgroundSweeps(services: AppServices, intervalMs = 5000): () => Promise<void> {
  let pass: Promise<unknown> | null = null;
  const run = (): void => {
    if (pass) return;
    pass = Promise.allSettled([services.imports.store.failInterrupted(), services.runs.startPending()]).finally(() => {
      pass = null;
    });
  };
  run();
  const timer = setInterval(run, intervalMs);
  return async () => {
    clearInterval(timer);
    await pass;
  };
}

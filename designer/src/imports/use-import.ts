import { useEffect, useRef, useState } from 'react';
import { type Api, errorMessage } from '../api/api-client';
import type { CsvImport, ImportRowError } from '@leadflow/server/contract';
import { useLeadflow } from '../app/leadflow-context';

/** How often a running import is asked for its progress. */
const POLL_MS = 500;
/** Row errors shown on the page; the download has them all. */
export const ERRORS_SHOWN = 200;

export const isFinished = (status: CsvImport['status']): boolean =>
  status === 'completed' || status === 'failed' || status === 'cancelled';

export interface FollowedImport {
  current: CsvImport;
  errors: ImportRowError[] | null;
  moreErrors: boolean;
  pollError: string | null;
}

/** Follows an import: polls its counts while it runs, then reads its first row errors. */
export function useImport(started: CsvImport, onFinished: () => void): FollowedImport {
  const { api } = useLeadflow();
  const [current, setCurrent] = useState(started);
  const [errors, setErrors] = useState<{ list: ImportRowError[]; more: boolean } | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  // A notification, not an input: a new callback must not restart the poll.
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    setCurrent(started);
    setErrors(null);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const latest = await api.get<CsvImport>(`/api/imports/${started.id}`);
        if (stopped) return;
        setCurrent(latest);
        setPollError(null);
        if (isFinished(latest.status)) {
          const page = await api.get<{ errors: ImportRowError[]; nextCursor: string | null }>(
            `/api/imports/${started.id}/errors?limit=${ERRORS_SHOWN}`,
          );
          if (!stopped) setErrors({ list: page.errors, more: page.nextCursor !== null });
          finished.current();
          return;
        }
      } catch (failure) {
        if (!stopped) setPollError(errorMessage(failure));
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // Keyed on the import's id: the same import handed in again as a new object (picked again from
    // the history list) must not restart the poll or put older counts back on screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `started` is read for its id only, see above
  }, [api, started.id]);

  return { current, errors: errors?.list ?? null, moreErrors: errors?.more ?? false, pollError };
}

/** Every row error of an import, page after page (for the download). */
export async function allErrors(api: Api, importId: string): Promise<ImportRowError[]> {
  const all: ImportRowError[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: { errors: ImportRowError[]; nextCursor: string | null } = await api.get(
      `/api/imports/${importId}/errors?limit=1000${query}`,
    );
    all.push(...page.errors);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

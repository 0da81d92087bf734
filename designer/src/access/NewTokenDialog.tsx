import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-client';
import type { ApiToken, Rep } from '../api/types';
import { useLeadflow } from '../app/leadflow-context';

/** The roles a token can have, with what each may do (server/src/plugins/route-access.ts). */
export const ROLE_CHOICES: readonly { role: string; help: string }[] = [
  { role: 'admin', help: 'everything, including tokens' },
  { role: 'editor', help: 'RevOps: edit and publish workflows, team model, intake, imports' },
  { role: 'viewer', help: 'ops: read leads, history and metrics' },
  { role: 'rep', help: 'one rep: their own leads and inbox' },
  { role: 'capture', help: 'intake only: post leads and events' },
];

/** Asks for a token's name, role and (for a rep token) rep; hands the created token, secret included, to `onCreated`. */
export function NewTokenDialog({ reps, onCreated, onClose }: { reps: readonly Rep[]; onCreated(token: ApiToken & { token: string }): void; onClose(): void }) {
  const { api } = useLeadflow();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState('viewer');
  const [repId, setRepId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems({});
    try {
      onCreated(await api.request('POST', '/api/tokens', { name: name.trim(), role, ...(role === 'rep' && { repId }) }));
      onClose();
    } catch (failure) {
      const byPath: Record<string, string> = {};
      if (failure instanceof ApiError && failure.problems.length > 0) for (const problem of failure.problems) byPath[problem.path] = problem.message;
      else byPath[''] = errorMessage(failure);
      setProblems(byPath);
      setBusy(false);
    }
  };
  const error = (path: string) =>
    problems[path] && (
      <p id={`${id}-${path}-error`} className="error-text" role="alert">
        {problems[path]}
      </p>
    );
  const described = (path: string) => (problems[path] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${path}-error` } : {});

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`}>
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>New API token</h2>
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={name} maxLength={100} placeholder="Dana (RevOps), website form…" onChange={(event) => setName(event.target.value)} autoFocus {...described('name')} />
        {error('name')}
        <label htmlFor={`${id}-role`}>Role</label>
        <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value)} {...described('role')}>
          {ROLE_CHOICES.map((choice) => (
            <option key={choice.role} value={choice.role}>
              {choice.role}: {choice.help}
            </option>
          ))}
        </select>
        {error('role')}
        {role === 'rep' && (
          <>
            <label htmlFor={`${id}-rep`}>Rep</label>
            <select id={`${id}-rep`} value={repId} onChange={(event) => setRepId(event.target.value)} {...described('repId')}>
              <option value="" disabled>
                Choose the rep this token acts for…
              </option>
              {reps
                .filter((rep) => rep.active)
                .map((rep) => (
                  <option key={rep.id} value={rep.id}>
                    {rep.name} &lt;{rep.email}&gt;
                  </option>
                ))}
            </select>
            {error('repId')}
          </>
        )}
        {error('')}
        <div className="dialog-actions">
          <button type="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !name.trim() || (role === 'rep' && !repId)}>
            {busy && <span className="spinner" aria-hidden="true" />} Create token
          </button>
        </div>
      </form>
    </dialog>
  );
}

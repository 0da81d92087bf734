import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { problemsByPath } from '../api/api-client';
import type { ApiToken, Rep } from '@leadflow/server/contract';
import { FieldProblem, problemAria } from '../app/FieldProblem';
import { useLeadflow } from '../app/leadflow-context';

/** The roles a token can have, with what each may do (server/src/plugins/route-access.ts). */
export const ROLE_CHOICES: readonly { role: string; help: string }[] = [
  { role: 'admin', help: 'everything, including tokens' },
  { role: 'editor', help: 'RevOps: edit and publish workflows, team model, intake, imports' },
  { role: 'viewer', help: 'ops: read leads, history and metrics' },
  { role: 'rep', help: 'one rep: their own leads and inbox' },
  { role: 'capture', help: 'intake only: post leads and intent activity (never outcomes)' },
];

/** How long a new token lasts; the server takes the instant it expires. */
export const EXPIRY_CHOICES: readonly { days: number | null; label: string }[] = [
  { days: null, label: 'Never (revoke it when no longer needed)' },
  { days: 1, label: 'In 1 day' },
  { days: 7, label: 'In 7 days' },
  { days: 30, label: 'In 30 days' },
  { days: 90, label: 'In 90 days' },
  { days: 365, label: 'In 1 year' },
];

/** Asks for a token's name, role and (for a rep token) rep; hands the created token, secret included, to `onCreated`. */
export function NewTokenDialog({
  reps,
  onCreated,
  onClose,
}: {
  reps: readonly Rep[];
  onCreated(token: ApiToken & { token: string }): void;
  onClose(): void;
}) {
  const { api } = useLeadflow();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState('viewer');
  const [repId, setRepId] = useState('');
  const [expiryDays, setExpiryDays] = useState('');
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
      const expiresAt = expiryDays ? new Date(Date.now() + Number(expiryDays) * 86_400_000).toISOString() : null;
      const body = { name: name.trim(), role, ...(role === 'rep' && { repId }), ...(expiresAt && { expiresAt }) };
      onCreated(await api.request('POST', '/api/tokens', body));
      onClose();
    } catch (failure) {
      setProblems(problemsByPath(failure));
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`}>
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>New API token</h2>
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={100}
          placeholder="Dana (RevOps), website form…"
          onChange={(event) => setName(event.target.value)}
          autoFocus
          {...problemAria(id, 'name', problems)}
        />
        <FieldProblem formId={id} path="name" problems={problems} />
        <label htmlFor={`${id}-role`}>Role</label>
        <select
          id={`${id}-role`}
          value={role}
          onChange={(event) => setRole(event.target.value)}
          {...problemAria(id, 'role', problems)}
        >
          {ROLE_CHOICES.map((choice) => (
            <option key={choice.role} value={choice.role}>
              {choice.role}: {choice.help}
            </option>
          ))}
        </select>
        <FieldProblem formId={id} path="role" problems={problems} />
        {role === 'rep' && (
          <>
            <label htmlFor={`${id}-rep`}>Rep</label>
            <select
              id={`${id}-rep`}
              value={repId}
              onChange={(event) => setRepId(event.target.value)}
              {...problemAria(id, 'repId', problems)}
            >
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
            <FieldProblem formId={id} path="repId" problems={problems} />
          </>
        )}
        <label htmlFor={`${id}-expiry`}>Expires</label>
        <select
          id={`${id}-expiry`}
          value={expiryDays}
          onChange={(event) => setExpiryDays(event.target.value)}
          {...problemAria(id, 'expiresAt', problems)}
        >
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.label} value={choice.days ?? ''}>
              {choice.label}
            </option>
          ))}
        </select>
        <FieldProblem formId={id} path="expiresAt" problems={problems} />
        <FieldProblem formId={id} path="" problems={problems} />
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

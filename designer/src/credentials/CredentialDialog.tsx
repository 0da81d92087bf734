import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useLeadflow } from '../app/leadflow-context';
import { SchemaForm, validateConfig } from '../schema-form';
import { type CredentialProblems, credentialProblems } from './credential-problems';
import type { Credential, CredentialKindInfo } from './credential-types';

export interface CredentialDialogProps {
  kinds: readonly CredentialKindInfo[];
  /** Replace this credential's secret; without it, make a new credential. */
  replacing?: Credential;
  /** The kind chosen when the dialog opens (a node's "New credential…" link names it). */
  initialKind?: string;
  onSaved(credential: Credential): void;
  onClose(): void;
}

const NO_PROBLEMS: CredentialProblems = { secret: [] };

/**
 * Makes a credential (name, kind, then the form for that kind's secret) or replaces one's secret.
 * Secret fields are password inputs; the secret lives only in this dialog and goes once to the
 * server, which never gives it back.
 */
export function CredentialDialog({ kinds, replacing, initialKind, onSaved, onClose }: CredentialDialogProps) {
  const { api } = useLeadflow();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState(
    () => replacing?.kind ?? kinds.find((known) => known.kind === initialKind)?.kind ?? kinds[0]?.kind ?? '',
  );
  const [secret, setSecret] = useState<Record<string, unknown>>({});
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<CredentialProblems>(NO_PROBLEMS);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const info = kinds.find((known) => known.kind === kind);
  const secretInvalid = !info || validateConfig(info.schema, secret).length > 0;
  const title = replacing ? `Replace the secret of ${replacing.name}` : 'New credential';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems(NO_PROBLEMS);
    try {
      const saved = replacing
        ? await api.request<Credential>('PUT', `/api/credentials/${replacing.id}/secret`, { secret })
        : await api.request<Credential>('POST', '/api/credentials', { name: name.trim(), kind, secret });
      onSaved(saved);
      onClose();
    } catch (failure) {
      setProblems(credentialProblems(failure));
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`} className="schema-dialog form-dialog">
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{title}</h2>
        {!replacing && (
          <>
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              id={`${id}-name`}
              value={name}
              maxLength={100}
              placeholder="Clearbit API key, #sales-alerts…"
              onChange={(event) => setName(event.target.value)}
              autoFocus
              aria-invalid={problems.name ? true : undefined}
              aria-describedby={problems.name ? `${id}-name-error` : undefined}
            />
            {problems.name && (
              <p id={`${id}-name-error`} className="error-text" role="alert">
                {problems.name}
              </p>
            )}
            <label htmlFor={`${id}-kind`}>Kind</label>
            <select
              id={`${id}-kind`}
              value={kind}
              aria-describedby={`${id}-kind-help`}
              onChange={(event) => {
                setKind(event.target.value);
                setSecret({});
              }}
            >
              {kinds.map((known) => (
                <option key={known.kind} value={known.kind}>
                  {known.title}
                </option>
              ))}
            </select>
            <p id={`${id}-kind-help`} className="muted">
              {info?.description}
            </p>
          </>
        )}
        {info && (
          <fieldset className="secret-fields">
            <legend>{replacing ? `New ${info.title.toLowerCase()} secret` : 'Secret'}</legend>
            <SchemaForm
              idPrefix={`${id}-secret-${kind}`}
              schema={info.schema}
              value={secret}
              onChange={(next) => setSecret((next ?? {}) as Record<string, unknown>)}
              serverErrors={problems.secret}
              blank
            />
          </fieldset>
        )}
        <p className="muted">
          {replacing
            ? 'The nodes that use it take the new secret from their next step. The old secret is gone for good.'
            : 'Stored sealed. Nobody sees it again — not here, not through the API; nodes name the credential, never the secret.'}
        </p>
        {problems.general && (
          <p role="alert" className="error-text">
            {problems.general}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || secretInvalid || (!replacing && !name.trim())}>
            {busy && <span className="spinner" aria-hidden="true" />}
            {busy ? 'Saving…' : replacing ? 'Replace secret' : 'Save credential'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

import { CopyButton } from './CopyButton';
import './admin-pages.css';

/** A secret the server shows only in this answer: the value, a copy button and the warning that it will not be shown again. */
export function SecretOnce({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="secret-once" role="group" aria-label={label}>
      <p className="banner warn">
        <strong>Copy it now: it is shown only once.</strong> {hint}
      </p>
      <div className="secret-row">
        <code data-testid="secret-value">{value}</code>
        <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}

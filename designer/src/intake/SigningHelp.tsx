import { CopyButton } from '../app/CopyButton';

/** The signature header a source checks (server/src/services/webhook-signature.ts): keep the two in step. */
const HEADER = 'leadflow-signature';
const TOLERANCE_SECONDS = 300;

/** A curl command that signs and sends one lead to `url`. */
export function curlExample(url: string): string {
  return [
    `SECRET='<the source secret>'`,
    `BODY='{"email":"jane@acme.com","firstName":"Jane","company":"Acme"}'`,
    'T=$(date +%s)',
    `SIG=$(printf '%s.%s' "$T" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')`,
    `curl -X POST '${url}' \\`,
    `  -H 'content-type: application/json' \\`,
    `  -H "${HEADER}: t=$T,v1=$SIG" \\`,
    `  -H 'idempotency-key: crm-lead-1234' \\`,
    `  --data "$BODY"`,
  ].join('\n');
}

/** How a sender signs a delivery: the header, the HMAC recipe and a curl example for `endpoint`. */
export function SigningHelp({ endpoint }: { endpoint: string }) {
  const curl = curlExample(`${window.location.origin}${endpoint}`);
  return (
    <details className="panel signing-help">
      <summary>How to sign a delivery</summary>
      <dl>
        <dt>Header</dt>
        <dd>
          <code>{HEADER}: t=&lt;unix seconds&gt;,v1=&lt;signature&gt;</code>
        </dd>
        <dt>Signature</dt>
        <dd>
          Hex HMAC-SHA256, keyed with the source's secret, of <code>&lt;t&gt;.&lt;raw body&gt;</code> (the timestamp, a
          dot, then the body bytes exactly as sent).
        </dd>
        <dt>Freshness</dt>
        <dd>
          Signatures older than {TOLERANCE_SECONDS / 60} minutes are refused, and each delivery is taken once (a replay
          gets 409). After a rotation the old secret is still accepted for 24 hours.
        </dd>
        <dt>Optional</dt>
        <dd>
          <code>idempotency-key</code>: the sender's id of the lead, so a retried delivery does not make a second lead.
          Activity events go to <code>{endpoint}/activity</code>.
        </dd>
      </dl>
      <pre className="code" aria-label="curl example" tabIndex={0}>
        {curl}
      </pre>
      <CopyButton text={curl} label="Copy curl example" />
    </details>
  );
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The header a webhook sender signs with: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'leadflow-signature';

/** A signature older than this is stale: a captured request can be replayed only this long, and never twice. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A timestamp this far ahead of our clock still passes, for senders whose clocks run a little fast. */
export const FUTURE_SKEW_SECONDS = 30;

/** Hex HMAC-SHA256 of `${timestamp}.${rawBody}` under `secret`. */
export function signPayload(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

/** The header value a sender puts on a delivery: what our docs show and tests send. */
export function signatureHeader(secret: string, rawBody: string, nowMs = Date.now()): string {
  const timestamp = Math.floor(nowMs / 1000);
  return `t=${timestamp},v1=${signPayload(secret, timestamp, rawBody)}`;
}

export type SignatureCheck =
  | {
      ok: true;
      timestamp: number;
      /** Identifies the delivery for replay protection: SHA-256 of what was signed. */ digest: string;
    }
  | { ok: false; reason: string };

function parseHeader(header: string): { timestamp: number | null; signatures: string[] } {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2) as [string, string | undefined];
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  return { timestamp, signatures };
}

/**
 * Checks a delivery's signature header against every secret in force (the current one, and the
 * previous one during a rotation). Several `v1=` entries may be sent; one valid is enough. The
 * comparison takes the same time whether or not, and wherever, the bytes differ.
 */
export function verifySignature(
  header: string | undefined,
  rawBody: string,
  secrets: readonly string[],
  nowMs = Date.now(),
): SignatureCheck {
  if (!header)
    return {
      ok: false,
      reason: `the request is not signed: send a '${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">' header`,
    };
  const { timestamp, signatures } = parseHeader(header);
  if (timestamp === null || signatures.length === 0)
    return { ok: false, reason: `the '${SIGNATURE_HEADER}' header must read t=<unix seconds>,v1=<64 hex digits>` };
  const age = Math.floor(nowMs / 1000) - timestamp;
  if (age > SIGNATURE_TOLERANCE_SECONDS)
    return {
      ok: false,
      reason: `the signature is stale: signed ${age} s ago, more than ${SIGNATURE_TOLERANCE_SECONDS} s`,
    };
  if (age < -FUTURE_SKEW_SECONDS)
    return {
      ok: false,
      reason: `the signature is stale: its timestamp is ${-age} s in the future; check the sender's clock`,
    };
  const valid = secrets.some((secret) => {
    const expected = Buffer.from(signPayload(secret, timestamp, rawBody), 'hex');
    // Every entry is compared, so the time taken does not tell which one (if any) matched.
    return signatures.map((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected)).includes(true);
  });
  if (!valid) return { ok: false, reason: "the signature does not match this source's secret and the body as sent" };
  return { ok: true, timestamp, digest: createHash('sha256').update(`${timestamp}.${rawBody}`).digest('hex') };
}

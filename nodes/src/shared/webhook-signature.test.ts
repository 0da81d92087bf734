import { describe, expect, it } from 'vitest';
import { SIGNATURE_TOLERANCE_SECONDS, signatureHeader, signPayload, verifySignature } from './webhook-signature.js';

const secret = 'whsec_test';
const body = '{"email":"a@b.io"}';
const now = Date.UTC(2026, 0, 1, 12);

describe('webhook signatures', () => {
  it('accepts what signatureHeader signs, and gives the same digest for the same delivery', () => {
    const header = signatureHeader(secret, body, now);
    const first = verifySignature(header, body, [secret], now);
    expect(first.ok).toBe(true);
    expect(verifySignature(header, body, [secret], now + 1000)).toEqual(first);
  });

  it('refuses a missing header, a malformed one, a wrong secret and a changed body', () => {
    expect(verifySignature(undefined, body, [secret], now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not signed/),
    });
    expect(verifySignature('v1=abc', body, [secret], now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/must read/),
    });
    expect(verifySignature(signatureHeader('other', body, now), body, [secret], now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not match/),
    });
    expect(verifySignature(signatureHeader(secret, body, now), `${body} `, [secret], now)).toMatchObject({ ok: false });
  });

  it('calls old and future timestamps stale', () => {
    const old = signatureHeader(secret, body, now - (SIGNATURE_TOLERANCE_SECONDS + 1) * 1000);
    expect(verifySignature(old, body, [secret], now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/stale: signed 301 s ago/),
    });
    const future = signatureHeader(secret, body, now + 600_000);
    expect(verifySignature(future, body, [secret], now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/stale: .*future/),
    });
  });

  it('accepts any listed secret and any listed v1 entry (rotation)', () => {
    const t = Math.floor(now / 1000);
    const header = `t=${t},v1=${signPayload('old', t, body)},v1=${'0'.repeat(64)}`;
    expect(verifySignature(header, body, [secret, 'old'], now).ok).toBe(true);
    expect(verifySignature(header, body, [secret], now).ok).toBe(false);
  });
});

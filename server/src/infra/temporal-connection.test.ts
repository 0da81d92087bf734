import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTemporalTls } from './temporal-connection.js';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('readTemporalTls', () => {
  it('is off without TLS settings, on with any of them, and on for an API key (Temporal Cloud takes keys over TLS only)', () => {
    expect(readTemporalTls({})).toBeUndefined();
    expect(readTemporalTls({ TEMPORAL_TLS: 'true' })).toEqual({});
    expect(readTemporalTls({ TEMPORAL_API_KEY: 'key' })).toEqual({});
    expect(readTemporalTls({ TEMPORAL_API_KEY: 'key', TEMPORAL_TLS: 'false' })).toBeUndefined();
    expect(readTemporalTls({ TEMPORAL_TLS_SERVER_NAME: 'frontend.internal' })).toEqual({
      serverNameOverride: 'frontend.internal',
    });
  });

  it('reads certificates from files or inline PEM', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tls-'));
    writeFileSync(path.join(dir, 'client.crt'), PEM);
    writeFileSync(path.join(dir, 'client.key'), 'KEY');
    const tls = readTemporalTls({
      TEMPORAL_TLS_CERT: path.join(dir, 'client.crt'),
      TEMPORAL_TLS_KEY: path.join(dir, 'client.key'),
      TEMPORAL_TLS_CA: PEM,
    });
    expect(tls?.clientCertPair?.crt.toString()).toBe(PEM);
    expect(tls?.clientCertPair?.key.toString()).toBe('KEY');
    expect(tls?.serverRootCACertificate?.toString()).toBe(PEM);
  });

  it('names the setting at fault', () => {
    expect(() => readTemporalTls({ TEMPORAL_TLS_CERT: '/no/such.crt' })).toThrow('TEMPORAL_TLS_KEY must be set too');
    expect(() => readTemporalTls({ TEMPORAL_TLS_KEY: '/no/such.key' })).toThrow('TEMPORAL_TLS_CERT must be set too');
    expect(() => readTemporalTls({ TEMPORAL_TLS_CERT: '/no/such.crt', TEMPORAL_TLS_KEY: '/no/such.key' })).toThrow(
      "TEMPORAL_TLS_CERT: cannot read '/no/such.crt' (ENOENT)",
    );
    expect(() => readTemporalTls({ TEMPORAL_TLS: 'yes' })).toThrow("TEMPORAL_TLS must be true or false, got 'yes'");
  });
});

import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A certificate and its key, as PEM files. */
export interface CertificateFiles {
  cert: string;
  key: string;
}

export interface TestPki {
  /** The CA every certificate below is signed by (and what each side trusts). */
  ca: string;
  issue(name: string, dnsNames: readonly string[], usage: 'server' | 'client'): Promise<CertificateFiles>;
}

/**
 * A throwaway certificate authority made with openssl, for running the cluster under mTLS the
 * way a deployment does: a CA, server certificates with the names clients check, and client
 * certificates the servers require.
 */
export async function createTestPki(dir: string): Promise<TestPki> {
  const ca = path.join(dir, 'ca.crt');
  const caKey = path.join(dir, 'ca.key');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Leadflow test CA',
    '-keyout',
    caKey,
    '-out',
    ca,
  ]);
  let serial = 1;
  return {
    ca,
    async issue(name, dnsNames, usage) {
      const key = path.join(dir, `${name}.key`);
      const csr = path.join(dir, `${name}.csr`);
      const cert = path.join(dir, `${name}.crt`);
      const ext = path.join(dir, `${name}.ext`);
      const names = [...dnsNames.map((dns) => `DNS:${dns}`), 'IP:127.0.0.1'].join(',');
      await writeFile(
        ext,
        [
          `subjectAltName=${names}`,
          `extendedKeyUsage=${usage === 'server' ? 'serverAuth,clientAuth' : 'clientAuth'}`,
          'keyUsage=digitalSignature',
          '',
        ].join('\n'),
      );
      // PKCS#8 keys: Postgres, Go and Node all read them.
      await run('openssl', [
        'req',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-subj',
        `/CN=${dnsNames[0] ?? name}`,
        '-keyout',
        key,
        '-out',
        csr,
      ]);
      await run('openssl', [
        'x509',
        '-req',
        '-in',
        csr,
        '-CA',
        ca,
        '-CAkey',
        caKey,
        '-set_serial',
        String(serial++),
        '-days',
        '2',
        '-extfile',
        ext,
        '-out',
        cert,
      ]);
      return { cert, key };
    },
  };
}

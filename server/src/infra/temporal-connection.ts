import { readFileSync } from 'node:fs';
import { Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';

/** How to reach the Temporal frontend: where, and with which credentials. */
export interface TemporalEndpoint {
  address: string;
  namespace: string;
  /** Unset: a plain connection (the dev server, a cluster on a private network). */
  tls?: TemporalTls;
  /** Temporal Cloud API key, sent as `Authorization: Bearer …` (TEMPORAL_API_KEY). */
  apiKey?: string;
}

/** TLS to Temporal, mutual when a client certificate is given. PEM text, read at start. */
export interface TemporalTls {
  /** TEMPORAL_TLS_CERT + TEMPORAL_TLS_KEY: this process's certificate, for mTLS. */
  clientCertPair?: { crt: Buffer; key: Buffer };
  /** TEMPORAL_TLS_CA: the CA that signed the server's certificate; unset: the system's CAs. */
  serverRootCACertificate?: Buffer;
  /** TEMPORAL_TLS_SERVER_NAME: the name the server's certificate carries, when the address does not. */
  serverNameOverride?: string;
}

/** A PEM given inline (starts with -----BEGIN, as secret stores often hand it over) or as a file path. */
function pem(value: string, variable: string): Buffer {
  if (value.trimStart().startsWith('-----BEGIN')) return Buffer.from(value);
  try {
    return readFileSync(value);
  } catch (error) {
    throw new Error(
      `${variable}: cannot read '${value}' (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      { cause: error },
    );
  }
}

/**
 * Temporal's TLS settings from the environment. TLS is on when a certificate, CA or server name
 * is given, when TEMPORAL_TLS=true, or with an API key (Temporal Cloud takes keys over TLS only);
 * TEMPORAL_TLS=false turns it off whatever else is set.
 */
export function readTemporalTls(env: NodeJS.ProcessEnv): TemporalTls | undefined {
  const cert = env.TEMPORAL_TLS_CERT || undefined;
  const key = env.TEMPORAL_TLS_KEY || undefined;
  if (Boolean(cert) !== Boolean(key)) {
    throw new Error(
      `${cert ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT'} must be set too: mTLS needs both the certificate and its private key`,
    );
  }
  const flag = env.TEMPORAL_TLS?.toLowerCase();
  if (flag && flag !== 'true' && flag !== 'false')
    throw new Error(`TEMPORAL_TLS must be true or false, got '${env.TEMPORAL_TLS}'`);
  if (flag === 'false') return undefined;
  const ca = env.TEMPORAL_TLS_CA || undefined;
  const serverName = env.TEMPORAL_TLS_SERVER_NAME || undefined;
  if (!cert && !ca && !serverName && flag !== 'true' && !env.TEMPORAL_API_KEY) return undefined;
  return {
    ...(cert && key && { clientCertPair: { crt: pem(cert, 'TEMPORAL_TLS_CERT'), key: pem(key, 'TEMPORAL_TLS_KEY') } }),
    ...(ca && { serverRootCACertificate: pem(ca, 'TEMPORAL_TLS_CA') }),
    ...(serverName && { serverNameOverride: serverName }),
  };
}

/**
 * The connection options both SDK connections share (client: grpc-js; worker: Rust core). TLS
 * is always stated: left out, the SDK would turn it on by itself for an API key, and
 * TEMPORAL_TLS=false (an API-key-checking cluster on a private network) would be ignored.
 */
function sharedOptions(endpoint: TemporalEndpoint): { address: string; tls: TemporalTls | false; apiKey?: string } {
  return { address: endpoint.address, tls: endpoint.tls ?? false, ...(endpoint.apiKey && { apiKey: endpoint.apiKey }) };
}

/** Why a connection failed, with where it went and how, since TLS mistakes look alike. */
function connectError(endpoint: TemporalEndpoint, error: unknown): Error {
  const how = [
    endpoint.tls ? (endpoint.tls.clientCertPair ? 'mTLS' : 'TLS') : 'plain',
    endpoint.apiKey ? 'API key' : '',
  ]
    .filter(Boolean)
    .join(' + ');
  // The SDK wraps the server's answer ("PERMISSION_DENIED: Request unauthorized") in a generic one.
  const reasons: string[] = [];
  for (let at: unknown = error; at instanceof Error && reasons.length < 4; at = at.cause) reasons.push(at.message);
  return new Error(`cannot connect to Temporal at ${endpoint.address} (${how}): ${reasons.join(': ')}`, {
    cause: error,
  });
}

/** A client connection (API server). */
export async function connectClient(
  endpoint: TemporalEndpoint,
  extra: Partial<ConnectionOptions> = {},
): Promise<Connection> {
  try {
    return await Connection.connect({ ...sharedOptions(endpoint), ...extra });
  } catch (error) {
    throw connectError(endpoint, error);
  }
}

/** A worker connection. */
export async function connectWorker(
  endpoint: TemporalEndpoint,
  extra: Partial<NativeConnectionOptions> = {},
): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect({ ...sharedOptions(endpoint), ...extra });
  } catch (error) {
    throw connectError(endpoint, error);
  }
}

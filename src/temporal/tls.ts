import fs from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { Config } from '../config';

/**
 * The TLS settings for connections to the Temporal frontend, from the configured PEM files: none without
 * them; server TLS with a private CA; mTLS with this process's certificate and key. The frontend trusts the
 * actor a workflow is sent, so in production only our processes, holding a client certificate, may reach it.
 * Files are read once, at start, so a missing file fails the start, not the first request.
 */
export function temporalTlsOf(
  config: Pick<
    Config,
    'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_SERVER_NAME'
  >,
): TLSConfig | undefined {
  const { TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_CA: ca } = config;
  if (!cert && !key && !ca) return undefined;
  return {
    ...(ca ? { serverRootCACertificate: read(ca, 'TEMPORAL_TLS_CA') } : {}),
    ...(cert && key
      ? { clientCertPair: { crt: read(cert, 'TEMPORAL_TLS_CERT'), key: read(key, 'TEMPORAL_TLS_KEY') } }
      : {}),
    ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
}

function read(file: string, variable: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new Error(`${variable}: cannot read ${file}`, { cause: err });
  }
}

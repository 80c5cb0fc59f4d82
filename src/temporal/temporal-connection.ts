import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';
import type { AppConfig } from '../config/configuration';

/** Connection options shared by the API's client and the worker's native connection. */
export function temporalConnectionOptions(
  config: AppConfig['temporal'],
  address: string,
): ConnectionOptions & { apiKey?: string } {
  const tls = config.tls;
  return {
    address,
    tls: tls
      ? {
          serverNameOverride: tls.serverName,
          serverRootCACertificate: tls.caPath ? readFileSync(tls.caPath) : undefined,
          clientCertPair:
            tls.certPath && tls.keyPath
              ? { crt: readFileSync(tls.certPath), key: readFileSync(tls.keyPath) }
              : undefined,
        }
      : undefined,
    apiKey: config.apiKey,
    connectTimeout: '5 seconds',
  };
}

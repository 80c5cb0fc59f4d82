import { readFileSync } from 'node:fs';
import { Client, type Connection, type ConnectionOptions } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './encryption-codec';
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

/** The failure converter every process uses (also built into the workflow bundle). */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The data converter every client and worker of this service uses: failure texts moved into
 * encoded attributes, and every payload encrypted when keys are set.
 */
export function dataConverterFor(config: AppConfig['temporal']): DataConverter {
  return {
    failureConverterPath: FAILURE_CONVERTER_PATH,
    payloadCodecs: config.payloadKeys ? [new EncryptionCodec(config.payloadKeys)] : [],
  };
}

/** A client of this service's namespace, with its data converter. */
export function temporalClient(config: AppConfig['temporal'], connection: Connection): Client {
  return new Client({
    connection,
    namespace: config.namespace,
    dataConverter: dataConverterFor(config),
  });
}

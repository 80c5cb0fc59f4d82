import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { checkPayloadKeys, parsePayloadKeys, type PayloadKeys } from './payload-keys';
import { ConfigurationError, EnvironmentVariables, validateEnvironment } from './environment';

export { ConfigurationError } from './environment';

export interface TemporalTlsConfig {
  certPath?: string;
  keyPath?: string;
  caPath?: string;
  serverName?: string;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  logLevel: string;
  http: { host: string; port: number };
  database: {
    /** Set when an external PostgreSQL is configured; otherwise `npm start` embeds one. */
    url?: string;
    ssl: boolean;
    embedded: { port: number; dataDir: string };
  };
  temporal: {
    /** Set when an external Temporal is configured; otherwise `npm start` embeds a dev server. */
    address?: string;
    namespace: string;
    taskQueue: string;
    tls?: TemporalTlsConfig;
    apiKey?: string;
    embedded: { port: number; uiPort: number; dbFile: string; retentionDays: number };
    cliPath?: string;
    testServerPath?: string;
    workflowBundlePath?: string;
    /** When set, every payload is encrypted (src/temporal/encryption-codec.ts). */
    payloadKeys?: PayloadKeys;
  };
  /** Browser origins allowed to call /codec/* (the Temporal Web UI decodes payloads there). */
  codec: { corsOrigins: string[] };
  dataDir: string;
  /** The built web application (`npm run build:web`); served at / when its index.html exists. */
  webRoot: string;
  cacheDir: string;
  shutdownTimeoutMs: number;
  /** When set, the worker answers GET / on this port: 200 while it polls, 503 otherwise. */
  workerHealthPort?: number;
  /** When set, the worker's Temporal SDK serves Prometheus metrics at :port/metrics. */
  workerMetricsPort?: number;
  /** The static bearer token Prometheus presents at the API's /metrics (off when unset). */
  metrics: { token?: string };
  /** The province's choice (docs/domain.md §3.2): is Thursday a working day? Friday never is. */
  thursdayIsWorkingDay: boolean;
  auth: {
    /** Signs access tokens; the API refuses to start without it (requireAuthSecret). */
    jwtSecret?: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    /** Failed sign-ins in a row that lock the account. */
    maxFailedSignIns: number;
    lockoutSeconds: number;
    /** From the second failure on, the next attempt waits base × 2^(failures − 2). */
    backoffBaseMs: number;
  };
  rateLimits: {
    /** Sign-in and password-change attempts per client address per minute. */
    signInPerMinute: number;
    /** … and per account (the username signed in with, or the signed-in user). */
    signInPerAccountPerMinute: number;
    trackingPerMinute: number;
    trackingPerHour: number;
  };
  /**
   * Which proxies in front of the API are believed when they name the client in
   * X-Forwarded-For, as Express's `trust proxy` takes it: false (none: the socket's address is
   * the client's), a hop count, or the proxies' addresses and CIDR ranges.
   */
  trustProxy: TrustProxy;
  /** Seed demo agencies and users on first start (never in production). */
  demoData: boolean;
  /** Maintenance notices: how far ahead of its start a window must be announced (docs/domain.md §4.3). */
  maintenance: { minLeadMinutes: number };
  /** Notification delivery (issue 6): channels and the retry policy of each delivery. */
  notifications: {
    /** E-mail is off when unset. */
    smtp?: { url: string; from: string };
    sms:
      | { provider: 'log' }
      | { provider: 'kavenegar'; gatewayUrl: string; apiKey: string; sender: string };
    /** maximumAttempts 0: no limit (a temporary failure is retried until it passes). */
    retry: { initialIntervalMs: number; maximumAttempts: number };
    /** How long one attempt owns a delivery: no second attempt sends while it may be sending. */
    sendLeaseSeconds: number;
  };
}

export type TrustProxy = false | number | string[];

/** Names Express (proxy-addr) accepts for well-known address ranges. */
const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: unset, `false`, `none` or `0` trust nothing; `1`–`10` trust that many hops;
 * otherwise comma-separated addresses, CIDR ranges or the names above. `true` (trust any
 * address) is refused: every client could then choose the address its rate limits count on.
 */
export function trustProxyOf(value: string | undefined): TrustProxy {
  const spec = value?.trim().toLowerCase() ?? '';
  if (spec === '' || spec === 'false' || spec === 'none') return false;
  const refuse = (why: string): never => {
    throw new ConfigurationError(
      `Invalid configuration: TRUST_PROXY ${why} (got ${JSON.stringify(value)})`,
    );
  };
  if (spec === 'true' || spec === '*')
    refuse(
      'must name the proxies (a hop count, addresses or CIDR ranges): trusting every address lets any client choose its own',
    );
  if (/^\d+$/.test(spec)) {
    const hops = Number(spec);
    if (hops > 10) refuse('must be a hop count from 0 to 10, or the proxies’ addresses');
    return hops === 0 ? false : hops;
  }
  const entries = spec.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (TRUST_PROXY_NAMES.includes(entry)) continue;
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !prefixOk || extra !== undefined)
      refuse(
        `entry ${JSON.stringify(entry)} must be an IP address, a CIDR range (10.0.0.0/8) or one of ${TRUST_PROXY_NAMES.join(', ')}`,
      );
  }
  return entries;
}

/** The project's root: the nearest folder above this file that holds package.json (src/ or dist/src/). */
export const PROJECT_ROOT = ((): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

function absolute(path: string): string {
  return isAbsolute(path) ? path : resolve(PROJECT_ROOT, path);
}

function unset(name: string, where: string): never {
  throw new ConfigurationError(`Invalid configuration: ${name} is required ${where}`);
}

function required(value: string | undefined, name: string, because: string): string {
  if (!value)
    throw new ConfigurationError(`Invalid configuration: ${name} is required with ${because}`);
  return value;
}

function build(env: EnvironmentVariables, raw: Record<string, string | undefined>): AppConfig {
  if (raw.TRUST_PROXY_HOPS !== undefined && raw.TRUST_PROXY_HOPS !== '') {
    // Ignoring it would silently put every client behind the proxy into one rate-limit bucket.
    throw new ConfigurationError(
      'Invalid configuration: TRUST_PROXY_HOPS is now TRUST_PROXY (a hop count, or the proxies’ addresses or CIDR ranges)',
    );
  }
  const dataDir = absolute(env.DATA_DIR);
  const xdgCache =
    raw.XDG_CACHE_HOME && raw.XDG_CACHE_HOME !== ''
      ? raw.XDG_CACHE_HOME
      : join(homedir(), '.cache');
  const useTls =
    env.TEMPORAL_TLS === true ||
    env.TEMPORAL_TLS_CERT_PATH !== undefined ||
    env.TEMPORAL_TLS_CA_PATH !== undefined ||
    env.TEMPORAL_API_KEY !== undefined;
  if ((env.TEMPORAL_TLS_CERT_PATH === undefined) !== (env.TEMPORAL_TLS_KEY_PATH === undefined)) {
    throw new ConfigurationError(
      'Invalid configuration: TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together',
    );
  }
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    database: {
      url: env.DATABASE_URL,
      ssl: env.DATABASE_SSL,
      embedded: { port: env.EMBEDDED_POSTGRES_PORT, dataDir: join(dataDir, 'postgres') },
    },
    temporal: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      tls: useTls
        ? {
            certPath: env.TEMPORAL_TLS_CERT_PATH && absolute(env.TEMPORAL_TLS_CERT_PATH),
            keyPath: env.TEMPORAL_TLS_KEY_PATH && absolute(env.TEMPORAL_TLS_KEY_PATH),
            caPath: env.TEMPORAL_TLS_CA_PATH && absolute(env.TEMPORAL_TLS_CA_PATH),
            serverName: env.TEMPORAL_TLS_SERVER_NAME,
          }
        : undefined,
      apiKey: env.TEMPORAL_API_KEY,
      embedded: {
        port: env.EMBEDDED_TEMPORAL_PORT,
        uiPort: env.EMBEDDED_TEMPORAL_UI_PORT,
        dbFile: join(dataDir, 'temporal.sqlite'),
        retentionDays: env.EMBEDDED_TEMPORAL_RETENTION_DAYS,
      },
      cliPath: env.TEMPORAL_CLI_PATH && absolute(env.TEMPORAL_CLI_PATH),
      testServerPath: env.TEMPORAL_TEST_SERVER_PATH && absolute(env.TEMPORAL_TEST_SERVER_PATH),
      workflowBundlePath: env.WORKFLOW_BUNDLE_PATH && absolute(env.WORKFLOW_BUNDLE_PATH),
      payloadKeys: env.TEMPORAL_PAYLOAD_KEYS
        ? payloadKeysOf(env.TEMPORAL_PAYLOAD_KEYS, env.TEMPORAL_PAYLOAD_KEY_ID)
        : undefined,
    },
    codec: { corsOrigins: codecCorsOrigins(env) },
    dataDir,
    webRoot: absolute(env.WEB_ROOT),
    cacheDir: absolute(env.CACHE_DIR ?? join(xdgCache, 'vehicle-permit')),
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    workerHealthPort: env.WORKER_HEALTH_PORT,
    workerMetricsPort: env.WORKER_METRICS_PORT,
    metrics: { token: env.METRICS_TOKEN },
    thursdayIsWorkingDay: env.THURSDAY_IS_WORKING_DAY,
    auth: {
      jwtSecret: env.AUTH_JWT_SECRET,
      accessTokenTtlSeconds: env.AUTH_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: env.AUTH_REFRESH_TOKEN_TTL_SECONDS,
      maxFailedSignIns: env.AUTH_MAX_FAILED_SIGN_INS,
      lockoutSeconds: env.AUTH_LOCKOUT_SECONDS,
      backoffBaseMs: env.AUTH_BACKOFF_BASE_MS,
    },
    rateLimits: {
      signInPerMinute: env.RATE_LIMIT_SIGN_IN_PER_MINUTE,
      signInPerAccountPerMinute: env.RATE_LIMIT_ACCOUNT_PER_MINUTE,
      trackingPerMinute: env.RATE_LIMIT_TRACKING_PER_MINUTE,
      trackingPerHour: env.RATE_LIMIT_TRACKING_PER_HOUR,
    },
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    demoData: env.DEMO_DATA,
    maintenance: { minLeadMinutes: env.MAINTENANCE_MIN_LEAD_MINUTES },
    notifications: {
      smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM } : undefined,
      sms:
        env.NODE_ENV === 'production' && !env.SMS_PROVIDER
          ? unset(
              'SMS_PROVIDER',
              'in production (kavenegar, or log to send no SMS and say so on every delivery)',
            )
          : env.SMS_PROVIDER === 'kavenegar'
            ? {
                provider: 'kavenegar',
                gatewayUrl: env.SMS_GATEWAY_URL,
                apiKey: required(env.SMS_API_KEY, 'SMS_API_KEY', 'SMS_PROVIDER=kavenegar'),
                sender: required(env.SMS_SENDER, 'SMS_SENDER', 'SMS_PROVIDER=kavenegar'),
              }
            : { provider: 'log' },
      retry: {
        initialIntervalMs: env.NOTIFICATION_RETRY_INITIAL_MS,
        maximumAttempts: env.NOTIFICATION_MAX_ATTEMPTS,
      },
      sendLeaseSeconds: env.NOTIFICATION_SEND_LEASE_SECONDS,
    },
  };
}

/** CODEC_CORS_ORIGINS, or the embedded Temporal Web UI's own origins. */
function codecCorsOrigins(env: EnvironmentVariables): string[] {
  if (env.CODEC_CORS_ORIGINS === undefined) {
    const uiPort = env.EMBEDDED_TEMPORAL_UI_PORT;
    return [`http://127.0.0.1:${uiPort}`, `http://localhost:${uiPort}`];
  }
  const origins = env.CODEC_CORS_ORIGINS.split(',').map((o) => new URL(o.trim()).origin);
  return [...new Set(origins)];
}

function payloadKeysOf(spec: string, currentKeyId?: string): PayloadKeys {
  try {
    const keys = parsePayloadKeys(spec, currentKeyId);
    checkPayloadKeys(keys); // key lengths and the current id
    return keys;
  } catch (error) {
    // The message names the problem, never the key material.
    throw new ConfigurationError(
      `Invalid configuration: TEMPORAL_PAYLOAD_KEYS ${(error as Error).message}`,
    );
  }
}

/** Reads and validates the configuration once. Throws ConfigurationError (one line) when wrong. */
export function loadConfig(raw: Record<string, string | undefined> = process.env): AppConfig {
  return build(validateEnvironment(raw), raw);
}

/** The API signs tokens: it must have a secret (npm start makes a development one). */
export function requireAuthSecret(config: AppConfig): string {
  if (!config.auth.jwtSecret) {
    throw new ConfigurationError(
      'Invalid configuration: AUTH_JWT_SECRET is required (at least 32 characters; npm start makes a development one)',
    );
  }
  if (config.env === 'production' && config.demoData) {
    throw new ConfigurationError('Invalid configuration: DEMO_DATA must not be set in production');
  }
  return config.auth.jwtSecret;
}

/** For processes that cannot embed a server (start:api, start:worker): require the external address. */
export function requireExternal(config: AppConfig): {
  databaseUrl: string;
  temporalAddress: string;
} {
  if (!config.database.url) {
    throw new ConfigurationError(
      'Invalid configuration: DATABASE_URL is required here (npm start provisions an embedded PostgreSQL instead)',
    );
  }
  if (!config.temporal.address) {
    throw new ConfigurationError(
      'Invalid configuration: TEMPORAL_ADDRESS is required here (npm start provisions an embedded Temporal instead)',
    );
  }
  return { databaseUrl: config.database.url, temporalAddress: config.temporal.address };
}

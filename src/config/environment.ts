/** host:port, where host is a name, an IPv4 address or a bracketed IPv6 address. */
const HOST_PORT = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):([1-9]\d{0,4})$/;
const POSTGRES_URL = /^postgres(ql)?:\/\/[^\s/]+(:\d{1,5})?\/[^\s?]+(\?\S*)?$/;
/** Browser origins (scheme://host[:port]), comma-separated: who may call the codec endpoint. */
const ORIGIN = String.raw`https?://(\[[0-9a-fA-F:]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:[1-9]\d{0,4})?/?`;
const ORIGIN_LIST = new RegExp(String.raw`^\s*${ORIGIN}(\s*,\s*${ORIGIN})*\s*$`);
const SECRET_LENGTH = 'must be at least 32 characters (use `openssl rand -base64 48`)';

/** One environment variable: how its (non-empty) text becomes a value, and its default. */
interface Variable<T> {
  /** The value, or throws Invalid with what the text must be. */
  parse(text: string): T;
  fallback?: T;
}

/** What a variable's text must be ("must …"), said after its name; `got`, the value refused. */
class Invalid extends Error {
  constructor(
    message: string,
    readonly got?: unknown,
  ) {
    super(message);
  }
}

const variable = <T>(parse: (text: string) => T): Variable<T> => ({ parse });

const text = (minLength = 1, message?: string): Variable<string> =>
  variable((value) => {
    if (value.length >= minLength) return value;
    throw new Invalid(message ?? `must be longer than or equal to ${minLength} characters`);
  });

const matching = (pattern: RegExp, message: string): Variable<string> =>
  variable((value) => {
    if (pattern.test(value)) return value;
    throw new Invalid(message);
  });

const oneOf = <const T extends string>(values: readonly T[]): Variable<T> =>
  variable((value) => {
    if ((values as readonly string[]).includes(value)) return value as T;
    throw new Invalid(`must be one of the following values: ${values.join(', ')}`);
  });

const integer = (min: number, max: number): Variable<number> =>
  variable((value) => {
    const trimmed = value.trim();
    if (!/^\d+$/.test(trimmed)) throw new Invalid('must be an integer number');
    const n = Number(trimmed);
    if (n < min) throw new Invalid(`must not be less than ${min}`, n);
    if (n > max) throw new Invalid(`must not be greater than ${max}`, n);
    return n;
  });

const port = (): Variable<number> => integer(1, 65535);

const boolean = (): Variable<boolean> =>
  variable((value) => {
    const v = value.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    throw new Invalid('must be a boolean value');
  });

/** The variable with a default: its value is never undefined. */
const or = <T>(v: Variable<T>, fallback: T): Variable<T> & { fallback: T } => ({ ...v, fallback });

/**
 * Every environment variable the service reads, once: its rule and, where it has one, its
 * default. The names here are the contract with docker-compose.yml and docs/configuration.md
 * (a test checks both); EnvironmentVariables and ENVIRONMENT_VARIABLE_NAMES come from this
 * table.
 */
const VARIABLES = {
  NODE_ENV: or(oneOf(['development', 'production', 'test']), 'development'),
  LOG_LEVEL: or(oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  HTTP_HOST: or(text(), '127.0.0.1'),
  HTTP_PORT: or(port(), 3000),
  DATABASE_URL: matching(
    POSTGRES_URL,
    'must look like postgres://user:password@host:5432/database',
  ),
  DATABASE_SSL: or(boolean(), false),
  EMBEDDED_POSTGRES_PORT: or(port(), 5433),
  TEMPORAL_ADDRESS: matching(HOST_PORT, 'must be host:port, e.g. temporal.example.org:7233'),
  TEMPORAL_NAMESPACE: or(
    matching(/^[A-Za-z0-9._-]+$/, 'must be a Temporal namespace name'),
    'default',
  ),
  TEMPORAL_TASK_QUEUE: or(
    matching(/^[A-Za-z0-9._-]+$/, 'must be a task queue name'),
    'vehicle-permit-cases',
  ),
  TEMPORAL_TLS: boolean(),
  TEMPORAL_TLS_CERT_PATH: text(),
  TEMPORAL_TLS_KEY_PATH: text(),
  TEMPORAL_TLS_CA_PATH: text(),
  TEMPORAL_TLS_SERVER_NAME: text(),
  TEMPORAL_API_KEY: text(),
  EMBEDDED_TEMPORAL_PORT: or(port(), 7233),
  EMBEDDED_TEMPORAL_UI_PORT: or(port(), 8233),
  EMBEDDED_TEMPORAL_RETENTION_DAYS: or(integer(1, 3650), 30),
  /** Default: the embedded Temporal Web UI's own origins (configuration.ts). */
  CODEC_CORS_ORIGINS: matching(
    ORIGIN_LIST,
    'must be comma-separated origins, e.g. https://temporal-ui.example.org,http://localhost:8080',
  ),
  TEMPORAL_CLI_PATH: text(),
  TEMPORAL_TEST_SERVER_PATH: text(),
  WORKFLOW_BUNDLE_PATH: text(),
  DATA_DIR: or(text(), '.data'),
  WEB_ROOT: or(text(), 'web/dist'),
  /** Default: $XDG_CACHE_HOME/vehicle-permit, else ~/.cache/vehicle-permit (configuration.ts). */
  CACHE_DIR: text(),
  SHUTDOWN_TIMEOUT_MS: or(integer(0, 600000), 15000),
  WORKER_HEALTH_PORT: port(),
  WORKER_METRICS_PORT: port(),
  METRICS_TOKEN: variable((value) =>
    text(32, SECRET_LENGTH).parse(
      matching(
        /^[A-Za-z0-9\-_.~+/=]+$/,
        'must be usable as a bearer token (letters, digits and - _ . ~ + / =)',
      ).parse(value),
    ),
  ),
  THURSDAY_IS_WORKING_DAY: or(boolean(), false),
  TEMPORAL_PAYLOAD_KEYS: text(),
  TEMPORAL_PAYLOAD_KEY_ID: matching(
    /^[A-Za-z0-9._-]{1,32}$/,
    'must be a key id listed in TEMPORAL_PAYLOAD_KEYS',
  ),
  AUTH_JWT_SECRET: text(32, SECRET_LENGTH),
  AUTH_ACCESS_TOKEN_TTL_SECONDS: or(integer(30, 86400), 900),
  AUTH_REFRESH_TOKEN_TTL_SECONDS: or(integer(60, 2592000), 43200),
  AUTH_MAX_FAILED_SIGN_INS: or(integer(2, 100), 5),
  AUTH_LOCKOUT_SECONDS: or(integer(1, 86400), 900),
  AUTH_BACKOFF_BASE_MS: or(integer(0, 60000), 1000),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: or(integer(1, 100000), 10),
  RATE_LIMIT_ACCOUNT_PER_MINUTE: or(integer(1, 100000), 10),
  RATE_LIMIT_TRACKING_PER_MINUTE: or(integer(1, 100000), 10),
  RATE_LIMIT_TRACKING_PER_HOUR: or(integer(1, 1000000), 60),
  /** Parsed and checked in configuration.ts (trustProxyOf): a hop count or addresses/CIDRs. */
  TRUST_PROXY: text(),
  DEMO_DATA: or(boolean(), false),
  MAINTENANCE_MIN_LEAD_MINUTES: or(integer(0, 10080), 60),
  SMTP_URL: matching(
    /^smtps?:\/\/([^\s@/]+@)?[A-Za-z0-9.[\]:-]+(:\d{1,5})?\/?(\?tls=(off|required))?$/,
    'must look like smtp://user:password@mail.example.org:587 (smtps:// for TLS on connect; ?tls=off|required)',
  ),
  SMTP_FROM: or(text(3), 'no-reply@localhost'),
  /** Default: log, except in production, where it must be chosen (configuration.ts). */
  SMS_PROVIDER: oneOf(['log', 'kavenegar']),
  SMS_GATEWAY_URL: or(
    matching(/^https?:\/\/\S+$/, 'must be an http(s) URL, e.g. https://api.kavenegar.com'),
    'https://api.kavenegar.com',
  ),
  SMS_API_KEY: text(8),
  SMS_SENDER: matching(/^\d{4,20}$/, 'must be the gateway line number (digits)'),
  NOTIFICATION_RETRY_INITIAL_MS: or(integer(10, 3_600_000), 10_000),
  NOTIFICATION_MAX_ATTEMPTS: or(integer(0, 1000), 0),
  NOTIFICATION_SEND_LEASE_SECONDS: or(integer(30, 3600), 300),
} satisfies Record<string, Variable<unknown>>;

type ValueOf<V> = V extends { fallback: infer T }
  ? T
  : V extends Variable<infer T>
    ? T | undefined
    : never;

/** The environment as the service reads it: each variable parsed, or its default, or undefined. */
export type EnvironmentVariables = {
  readonly [Name in keyof typeof VARIABLES]: ValueOf<(typeof VARIABLES)[Name]>;
};

/** The names of every variable the configuration module reads. */
export const ENVIRONMENT_VARIABLE_NAMES: readonly string[] = Object.freeze(Object.keys(VARIABLES));

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** A bad value as it may appear in an error line: secrets hidden, URL credentials removed. */
function shownValue(property: string, value: unknown): string {
  if (/KEY|PASSWORD|SECRET|TOKEN/.test(property)) return '(hidden)';
  if (typeof value === 'string' && /URL/.test(property)) {
    return JSON.stringify(value.replace(/\/\/[^@/]*@/, '//***@'));
  }
  return JSON.stringify(value);
}

/**
 * Validates the raw environment (an empty value counts as unset); throws one ConfigurationError
 * naming the first bad variable, its value shown only where it is no secret.
 */
export function validateEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  const env: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(VARIABLES) as [string, Variable<unknown>][]) {
    const value = raw[name];
    if (value === undefined || value === '') {
      env[name] = rule.fallback;
      continue;
    }
    try {
      env[name] = rule.parse(value);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      throw new ConfigurationError(
        `Invalid configuration: ${name} ${error.message} (got ${shownValue(name, error.got ?? value)})`,
      );
    }
  }
  return env as EnvironmentVariables;
}

import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  return value;
};

/** host:port, where host is a name, an IPv4 address or a bracketed IPv6 address. */
const HOST_PORT = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):([1-9]\d{0,4})$/;
const POSTGRES_URL = /^postgres(ql)?:\/\/[^\s/]+(:\d{1,5})?\/[^\s?]+(\?\S*)?$/;
/** Browser origins (scheme://host[:port]), comma-separated: who may call the codec endpoint. */
const ORIGIN = String.raw`https?://(\[[0-9a-fA-F:]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:[1-9]\d{0,4})?/?`;
const ORIGIN_LIST = new RegExp(String.raw`^\s*${ORIGIN}(\s*,\s*${ORIGIN})*\s*$`);

/**
 * Every environment variable the service reads, with its validation rule.
 * The names here are the contract with docker-compose.yml and docs/configuration.md (a test checks both).
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsString()
  HTTP_HOST?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT?: number;

  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'must look like postgres://user:password@host:5432/database' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DATABASE_SSL?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT?: number;

  @IsOptional()
  @Matches(HOST_PORT, { message: 'must be host:port, e.g. temporal.example.org:7233' })
  TEMPORAL_ADDRESS?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'must be a Temporal namespace name' })
  TEMPORAL_NAMESPACE?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'must be a task queue name' })
  TEMPORAL_TASK_QUEUE?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  TEMPORAL_TLS?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(1)
  TEMPORAL_TLS_CERT_PATH?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  TEMPORAL_TLS_KEY_PATH?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  TEMPORAL_TLS_CA_PATH?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  TEMPORAL_TLS_SERVER_NAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  TEMPORAL_API_KEY?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_TEMPORAL_PORT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_TEMPORAL_UI_PORT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  EMBEDDED_TEMPORAL_RETENTION_DAYS?: number;

  @IsOptional()
  @Matches(ORIGIN_LIST, {
    message:
      'must be comma-separated origins, e.g. https://temporal-ui.example.org,http://localhost:8080',
  })
  CODEC_CORS_ORIGINS?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  TEMPORAL_CLI_PATH?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  TEMPORAL_TEST_SERVER_PATH?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  WORKFLOW_BUNDLE_PATH?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  WEB_ROOT?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  CACHE_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600000)
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_HEALTH_PORT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_METRICS_PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (use `openssl rand -base64 48`)' })
  @Matches(/^[A-Za-z0-9\-_.~+/=]+$/, {
    message: 'must be usable as a bearer token (letters, digits and - _ . ~ + / =)',
  })
  METRICS_TOKEN?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  THURSDAY_IS_WORKING_DAY?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(1)
  TEMPORAL_PAYLOAD_KEYS?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,32}$/, {
    message: 'must be a key id listed in TEMPORAL_PAYLOAD_KEYS',
  })
  TEMPORAL_PAYLOAD_KEY_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (use `openssl rand -base64 48`)' })
  AUTH_JWT_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86400)
  AUTH_ACCESS_TOKEN_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(2592000)
  AUTH_REFRESH_TOKEN_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(100)
  AUTH_MAX_FAILED_SIGN_INS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  AUTH_LOCKOUT_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  AUTH_BACKOFF_BASE_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  RATE_LIMIT_SIGN_IN_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  RATE_LIMIT_ACCOUNT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  RATE_LIMIT_TRACKING_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  RATE_LIMIT_TRACKING_PER_HOUR?: number;

  /** Parsed and checked in configuration.ts (trustProxyOf): a hop count or addresses/CIDRs. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  TRUST_PROXY?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DEMO_DATA?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10080)
  MAINTENANCE_MIN_LEAD_MINUTES?: number;

  @IsOptional()
  @Matches(/^smtps?:\/\/([^\s@/]+@)?[A-Za-z0-9.[\]:-]+(:\d{1,5})?\/?(\?tls=(off|required))?$/, {
    message:
      'must look like smtp://user:password@mail.example.org:587 (smtps:// for TLS on connect; ?tls=off|required)',
  })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(3)
  SMTP_FROM?: string;

  @IsOptional()
  @IsIn(['log', 'kavenegar'])
  SMS_PROVIDER?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, {
    message: 'must be an http(s) URL, e.g. https://api.kavenegar.com',
  })
  SMS_GATEWAY_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(8)
  SMS_API_KEY?: string;

  @IsOptional()
  @Matches(/^\d{4,20}$/, { message: 'must be the gateway line number (digits)' })
  SMS_SENDER?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  NOTIFICATION_RETRY_INITIAL_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  NOTIFICATION_MAX_ATTEMPTS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(3600)
  NOTIFICATION_SEND_LEASE_SECONDS?: number;
}

/** The names of every variable the configuration module reads. */
export const ENVIRONMENT_VARIABLE_NAMES: readonly string[] = Object.freeze([
  'NODE_ENV',
  'LOG_LEVEL',
  'HTTP_HOST',
  'HTTP_PORT',
  'DATABASE_URL',
  'DATABASE_SSL',
  'EMBEDDED_POSTGRES_PORT',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_TLS',
  'TEMPORAL_TLS_CERT_PATH',
  'TEMPORAL_TLS_KEY_PATH',
  'TEMPORAL_TLS_CA_PATH',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_API_KEY',
  'EMBEDDED_TEMPORAL_PORT',
  'EMBEDDED_TEMPORAL_UI_PORT',
  'EMBEDDED_TEMPORAL_RETENTION_DAYS',
  'CODEC_CORS_ORIGINS',
  'TEMPORAL_CLI_PATH',
  'TEMPORAL_TEST_SERVER_PATH',
  'WORKFLOW_BUNDLE_PATH',
  'DATA_DIR',
  'WEB_ROOT',
  'CACHE_DIR',
  'SHUTDOWN_TIMEOUT_MS',
  'WORKER_HEALTH_PORT',
  'WORKER_METRICS_PORT',
  'METRICS_TOKEN',
  'THURSDAY_IS_WORKING_DAY',
  'TEMPORAL_PAYLOAD_KEYS',
  'TEMPORAL_PAYLOAD_KEY_ID',
  'AUTH_JWT_SECRET',
  'AUTH_ACCESS_TOKEN_TTL_SECONDS',
  'AUTH_REFRESH_TOKEN_TTL_SECONDS',
  'AUTH_MAX_FAILED_SIGN_INS',
  'AUTH_LOCKOUT_SECONDS',
  'AUTH_BACKOFF_BASE_MS',
  'RATE_LIMIT_SIGN_IN_PER_MINUTE',
  'RATE_LIMIT_ACCOUNT_PER_MINUTE',
  'RATE_LIMIT_TRACKING_PER_MINUTE',
  'RATE_LIMIT_TRACKING_PER_HOUR',
  'TRUST_PROXY',
  'DEMO_DATA',
  'MAINTENANCE_MIN_LEAD_MINUTES',
  'SMTP_URL',
  'SMTP_FROM',
  'SMS_PROVIDER',
  'SMS_GATEWAY_URL',
  'SMS_API_KEY',
  'SMS_SENDER',
  'NOTIFICATION_RETRY_INITIAL_MS',
  'NOTIFICATION_MAX_ATTEMPTS',
  'NOTIFICATION_SEND_LEASE_SECONDS',
]);

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

function describe(error: ValidationError): string {
  const constraint = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
  const shown = shownValue(error.property, error.value);
  // class-validator phrases constraints as "<property> must …"; keep one property name.
  const phrase = constraint.startsWith(error.property)
    ? constraint
    : `${error.property} ${constraint}`;
  return `${phrase} (got ${shown})`;
}

/** A bad value as it may appear in an error line: secrets hidden, URL credentials removed. */
function shownValue(property: string, value: unknown): string {
  if (/KEY|PASSWORD|SECRET|TOKEN/.test(property)) return '(hidden)';
  if (typeof value === 'string' && /URL/.test(property)) {
    return JSON.stringify(value.replace(/\/\/[^@/]*@/, '//***@'));
  }
  return JSON.stringify(value);
}

/** Validates the raw environment; throws one ConfigurationError naming the first bad variable. */
export function validateEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  const picked: Record<string, string> = {};
  for (const name of ENVIRONMENT_VARIABLE_NAMES) {
    const value = raw[name];
    if (value !== undefined && value !== '') picked[name] = value;
  }
  const env = plainToInstance(EnvironmentVariables, picked);
  const errors = validateSync(env, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigurationError(`Invalid configuration: ${describe(errors[0])}`);
  }
  return env;
}

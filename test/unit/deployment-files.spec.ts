import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENT_VARIABLE_NAMES } from '../../src/config/environment';
import { loadConfig, requireExternal, requireAuthSecret } from '../../src/config/configuration';
import { generatePayloadKey } from '../../src/temporal/encryption-codec';

const root = join(__dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  healthcheck?: { test: unknown };
}

describe('docker-compose.yml (the production-like topology; no Docker engine runs here)', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as {
    services: Record<string, ComposeService>;
  };
  const services = compose.services;

  it('has PostgreSQL, Temporal on PostgreSQL, the Temporal UI, the API and the worker', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'temporal', 'temporal-ui', 'api', 'worker']),
    );
    expect(services.temporal.environment?.DB).toBe('postgres12');
    expect(services.api.build).toBeDefined();
    expect(services.worker.build).toBeDefined();
  });

  it('gives every long-running service a health check', () => {
    for (const name of ['postgres', 'temporal', 'api', 'worker'])
      expect(services[name].healthcheck?.test).toBeDefined();
  });

  it.each(['api', 'worker', 'migrate'])(
    'configures %s only with variables the configuration module reads, valid ones',
    (name) => {
      // `${VAR:?message}` is filled from the operator's environment at `docker compose up`;
      // here a sample value stands in, so the rest is still validated.
      const samples: Record<string, string> = {
        TEMPORAL_PAYLOAD_KEYS: generatePayloadKey('prod-1'),
        AUTH_JWT_SECRET: 'sample-secret-of-at-least-thirty-two-characters',
        SMS_PROVIDER: 'log',
      };
      const environment = Object.fromEntries(
        Object.entries(services[name].environment ?? {}).map(([key, value]) => {
          const interpolated = /^\$\{(\w+):\?[^}]*\}$/.exec(value);
          return [key, interpolated ? (samples[interpolated[1]] ?? '') : value];
        }),
      );
      for (const variable of Object.keys(environment))
        expect(ENVIRONMENT_VARIABLE_NAMES).toContain(variable);
      const config = loadConfig(environment);
      expect(config.env).toBe('production');
      expect(() => requireExternal(config)).not.toThrow();
      expect(config.temporal.payloadKeys).toBeDefined(); // production encrypts payloads
      if (name === 'api') expect(() => requireAuthSecret(config)).not.toThrow();
    },
  );
});

describe('README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it('documents every configuration variable', () => {
    for (const variable of ENVIRONMENT_VARIABLE_NAMES) expect(readme).toContain(`\`${variable}\``);
  });

  it('shows the two commands', () => {
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
  });
});

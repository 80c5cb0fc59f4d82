import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENT_VARIABLE_NAMES } from '../../src/config/environment';
import { loadConfig, requireExternal, requireAuthSecret } from '../../src/config/configuration';
import { generatePayloadKey } from '../../src/config/payload-keys';

// No container engine runs here or in CI: docker-compose.yml, its scripts and the Dockerfile are
// checked by reading them. Every rule below names what it protects.

const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  restart?: string;
  deploy?: { replicas?: number };
  ports?: unknown[];
  expose?: string[];
  volumes?: string[];
  secrets?: (string | { source: string })[];
  container_name?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  secrets?: Record<string, { file?: string; environment?: string }>;
}

/** Names set ahead of the configuration module, each with the reason; remove them once there. */
const PENDING_VARIABLES: Readonly<Record<string, string>> = {};

/** Values for the operator's variables, so that the rest of each value is still validated. */
const SAMPLES: Readonly<Record<string, string>> = {
  APP_IMAGE_TAG: '0.1.0',
  PUBLIC_HOSTNAME: 'permits.example.org',
  TLS_CERTIFICATE_FILE: '/etc/ssl/permits/fullchain.pem',
  TLS_PRIVATE_KEY_FILE: '/etc/ssl/permits/privkey.pem',
  POSTGRES_PASSWORD: 'sample-superuser-password',
  APP_DB_PASSWORD: 'sample-app-password',
  TEMPORAL_DB_PASSWORD: 'sample-temporal-password',
  TEMPORAL_PAYLOAD_KEYS: generatePayloadKey('k202612'),
  AUTH_JWT_SECRET: 'sample-secret-of-at-least-thirty-two-characters',
  METRICS_TOKEN: 'sample-metrics-token-of-at-least-32-characters',
  SMTP_URL: 'smtp://mailer:sample-password@relay.example.org:587',
  SMTP_FROM: 'no-reply@permits.example.org',
  SMS_PROVIDER: 'log',
};

const INTERPOLATION = /\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g;

/** Resolves `${VAR…}` as `docker compose` would, with SAMPLES as the operator's environment. */
function resolve(value: string): string {
  return value
    .replace(INTERPOLATION, (whole: string, name: string, operator?: string, word?: string) => {
      if (operator === undefined)
        throw new Error(`${whole}: say whether ${name} is required (:?) or defaulted (:-)`);
      if (operator.endsWith('?')) {
        const sample = SAMPLES[name];
        if (sample === undefined) throw new Error(`add a sample value for ${name} to this test`);
        return sample;
      }
      return word ?? '';
    })
    .replace(/\$\$/g, '$');
}

/** Variables a document's values read from the operator's environment. */
function referencedVariables(document: unknown): Set<string> {
  return new Set(
    stringsIn(document).flatMap(([, text]) => [...text.matchAll(INTERPOLATION)].map((m) => m[1])),
  );
}

function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  const entries = Array.isArray(environment)
    ? environment.map((line) => {
        const separator = line.indexOf('=');
        return [line.slice(0, separator), line.slice(separator + 1)] as [string, string];
      })
    : Object.entries(environment).map(([k, v]) => [k, v === null ? '' : String(v)]);
  return Object.fromEntries(entries);
}

function dependenciesOf(service: ComposeService): Record<string, { condition?: string }> {
  const dependsOn = service.depends_on ?? {};
  return Array.isArray(dependsOn)
    ? Object.fromEntries(dependsOn.map((name) => [name, {}]))
    : dependsOn;
}

const hasHealthcheck = (service: ComposeService): boolean => {
  const test = service.healthcheck?.test;
  return (
    service.healthcheck?.disable !== true &&
    test !== undefined &&
    !(Array.isArray(test) && test[0] === 'NONE')
  );
};

/** A name or value that is a credential (and so must never be written in the file). */
const SECRET_NAME = /PASSWORD|PASSWD|PWD|SECRET|TOKEN|(^|_)KEYS?$|API_KEY|PRIVATE/;
/** The whole value is one variable, required, or empty unless the operator sets it. */
const FROM_ENVIRONMENT = /^\$\{\w+(:\?[^}]*|:-)\}$/;
/** user:password@ in a URL. */
const URL_CREDENTIALS = /:\/\/[^/\s@:]+:(\$\{[^}]*\}|[^@\s]*)@/;
/** A version, not a moving tag: 1.32.0, v3.9.0, 18.4-bookworm, 2.10.2-alpine (digest optional). */
const PINNED_IMAGE =
  /^[a-z0-9]+(?:[._/-][a-z0-9]+)*:v?\d+\.\d+(?:\.\d+)?(?:-[A-Za-z0-9.-]+)?(?:@sha256:[0-9a-f]{64})?$/;

function stringsIn(value: unknown, path: string[] = []): [string, string][] {
  if (typeof value === 'string') return [[path.join('.'), value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, [...path, `${i}`]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => stringsIn(item, [...path, key]));
  return [];
}

const composeText = read('docker-compose.yml');
const compose = parse(composeText, { merge: true }) as ComposeFile;
const services = compose.services;
const serviceNames = Object.keys(services);
const built = serviceNames.filter((name) => services[name].build !== undefined);
const composeScripts = readdirSync(join(root, 'scripts', 'compose'))
  .filter((file) => file.endsWith('.sh'))
  .map((file) => ({ file, text: read(join('scripts', 'compose', file)) }));
const env = (name: string): Record<string, string> => environmentOf(services[name]);
/** Published ports, in the short form the checks read (host_ip:host:container[/protocol]). */
const portsOf = (name: string): string[] =>
  (services[name].ports ?? []).map((port) => {
    if (typeof port !== 'string') throw new Error(`${name}: write its ports as strings`);
    return port;
  });
const resolved = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(env(name)).map(([k, v]) => [k, resolve(v)]));

describe('docker-compose.yml: the production topology (no container engine runs here)', () => {
  it('has the database, Temporal and its set-up, the service, the proxy, the UI and Prometheus', () => {
    expect(serviceNames.sort()).toEqual(
      [
        'api',
        'migrate',
        'postgres',
        'prometheus',
        'proxy',
        'temporal',
        'temporal-namespace',
        'temporal-schema',
        'temporal-search-attributes',
        'temporal-ui',
        'worker',
      ].sort(),
    );
    expect(built.sort()).toEqual(['api', 'migrate', 'temporal-search-attributes', 'worker']);
  });

  it("opens only the proxy to the network; operators' tools listen on the host's loopback", () => {
    for (const name of serviceNames.filter((n) => n !== 'proxy'))
      for (const port of portsOf(name))
        expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:/) });
  });

  describe('images', () => {
    it.each(serviceNames)(
      '%s runs an image pinned to a version (never latest or untagged)',
      (name) => {
        const { image, build } = services[name];
        if (build !== undefined) {
          // The service's own image: tagged with the release the operator names (rollbacks).
          expect(image).toMatch(/^[a-z0-9][\w./-]*:\$\{\w+:\?[^}]*\}$/);
          expect(resolve(image!)).toMatch(PINNED_IMAGE);
        } else {
          expect(image).toMatch(PINNED_IMAGE);
        }
      },
    );

    it('builds from a Dockerfile whose base images are pinned, multi-stage, running unprivileged', () => {
      const dockerfile = read('Dockerfile');
      const stages = new Set<string>();
      const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)];
      expect(froms.length).toBeGreaterThanOrEqual(2);
      for (const [, image, stage] of froms) {
        if (!stages.has(image)) expect(image).toMatch(PINNED_IMAGE);
        if (stage) stages.add(stage);
      }
      const lastUser = [...dockerfile.matchAll(/^USER\s+(\S+)/gim)].at(-1)?.[1];
      expect(lastUser).toBeDefined();
      expect(lastUser).not.toMatch(/^(root|0)(:|$)/);
    });

    it('keeps secrets and local data out of the build context', () => {
      const ignored = read('.dockerignore').split('\n');
      for (const entry of ['.env', '.env.*', '.data', 'node_modules', '.git'])
        expect(ignored).toContain(entry);
    });

    it('runs the Temporal production server and the admin tools of the same version', () => {
      expect(composeText).not.toMatch(/auto-setup/);
      const [serverImage, serverTag] = services.temporal.image!.split(':');
      expect(serverImage).toBe('temporalio/server');
      for (const name of ['temporal-schema', 'temporal-namespace'])
        expect(services[name].image).toBe(`temporalio/admin-tools:${serverTag}`);
    });
  });

  describe('secrets', () => {
    const everyService = serviceNames.flatMap((name) =>
      Object.entries(env(name)).map(([key, value]) => ({ name, key, value })),
    );

    it.each(everyService.filter(({ key }) => SECRET_NAME.test(key)))(
      '$name: $key comes from the environment, never written in the file',
      ({ value }) => {
        expect(value).toMatch(FROM_ENVIRONMENT);
      },
    );

    it('writes no password into a URL (credentials are variables)', () => {
      let checked = 0;
      for (const [where, value] of stringsIn(compose)) {
        // The messages of `${VAR:?message}` are prose (they may show an example URL).
        const password = URL_CREDENTIALS.exec(value.replace(/(\$\{\w+:\?)[^}]*\}/g, '$1}'))?.[1];
        if (password !== undefined) {
          checked += 1;
          expect({ where, password }).toEqual({
            where,
            password: expect.stringMatching(FROM_ENVIRONMENT),
          });
        }
      }
      expect(checked).toBeGreaterThan(0); // DATABASE_URL at least
    });

    it('writes no credential into a command, and scripts read theirs from the environment', () => {
      const literals = [
        /(password|passwd|pwd|secret|token|api[-_]?key)\s*=\s*['"]?[^\s$'"]/i, // NAME=value
        /--(password|pw|token|api-key)[=\s]+['"]?[^\s$'"-]/i, // --password value
        /PASSWORD\s+'[^']/i, // SQL: PASSWORD 'value' (psql's :'variable' is fine)
      ];
      const texts = [
        ...serviceNames.flatMap((name) =>
          stringsIn([services[name].command, services[name].entrypoint]).map(([, text]) => text),
        ),
        ...composeScripts.map(({ text }) => text),
      ];
      for (const text of texts) for (const literal of literals) expect(text).not.toMatch(literal);
    });

    it('takes Docker secrets from the environment or from files outside the repository', () => {
      for (const [name, secret] of Object.entries(compose.secrets ?? {})) {
        // From a variable the file also requires (`${VAR:?}`), so it is never empty.
        if (secret.environment !== undefined)
          expect(composeText).toMatch(new RegExp(`\\$\\{${secret.environment}:\\?`));
        else
          expect({ name, file: secret.file }).toEqual({
            name,
            file: expect.stringMatching(/^\$\{\w+:\?[^}]*\}$/),
          });
      }
    });

    it('lists every variable it reads in .env.example, with no secret filled in', () => {
      const example = read('.env.example');
      const listed = new Map(
        [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2]] as const),
      );
      const read_ = new Set([
        ...referencedVariables(compose),
        ...Object.values(compose.secrets ?? {}).flatMap((s) => s.environment ?? []),
      ]);
      expect([...listed.keys()].sort()).toEqual([...read_].sort());
      for (const [name, value] of listed) {
        if (SECRET_NAME.test(name) || /URL/.test(name) || URL_CREDENTIALS.test(value))
          expect({ name, value }).toEqual({ name, value: '' });
      }
    });
  });

  describe('start-up order', () => {
    it.each(serviceNames)(
      '%s is either long-running with a health check or a one-shot others wait for',
      (name) => {
        const service = services[name];
        const awaited = serviceNames.some(
          (other) =>
            dependenciesOf(services[other])[name]?.condition === 'service_completed_successfully',
        );
        if (hasHealthcheck(service)) {
          expect(service.restart).toMatch(/^(always|unless-stopped|on-failure(:\d+)?)$/);
        } else {
          // A one-shot: runs to completion once; its exit status decides whether the deploy goes on.
          expect({ name, restart: service.restart, awaited }).toEqual({
            name,
            restart: 'no',
            awaited: true,
          });
        }
      },
    );

    it.each(serviceNames.filter((name) => name !== 'postgres'))(
      '%s waits for what it needs with a condition (healthy, or completed successfully)',
      (name) => {
        const dependencies = Object.entries(dependenciesOf(services[name]));
        expect(Array.isArray(services[name].depends_on)).toBe(false);
        expect(dependencies.length).toBeGreaterThan(0);
        for (const [dependency, { condition }] of dependencies) {
          expect(serviceNames).toContain(dependency);
          if (hasHealthcheck(services[dependency]))
            expect({ dependency, condition }).toEqual({ dependency, condition: 'service_healthy' });
          else
            expect({ dependency, condition }).toEqual({
              dependency,
              condition: 'service_completed_successfully',
            });
        }
      },
    );

    it('swallows no error: scripts stop at the first failure, nothing is `|| true`', () => {
      const swallowed = /\|\|\s*(true|:)(\s|;|$)|;\s*true\s*$/m;
      expect(composeText).not.toMatch(swallowed);
      for (const { file, text } of composeScripts) {
        expect({ file, strict: /^set -eu/m.test(text) }).toEqual({ file, strict: true });
        expect(text).not.toMatch(swallowed);
      }
    });
  });

  describe('Temporal', () => {
    const schemaScript = read('scripts/compose/temporal-schema.sh');
    const namespaceScript = read('scripts/compose/temporal-namespace.sh');

    it("sets up and upgrades Temporal's schema with temporal-sql-tool before the server starts", () => {
      expect(String(services['temporal-schema'].command)).toContain('temporal-schema.sh');
      expect(schemaScript).toMatch(/temporal-sql-tool/);
      expect(schemaScript).toMatch(/setup-schema -v 0\.0/);
      expect(schemaScript).toMatch(/update-schema -d "\$schema\/\$directory\/versioned"/);
      expect(schemaScript).toMatch(/"\$DBNAME:temporal" "\$VISIBILITY_DBNAME:visibility"/);
      expect(dependenciesOf(services.temporal)['temporal-schema']?.condition).toBe(
        'service_completed_successfully',
      );
      // Both read the same database settings.
      for (const key of ['DB', 'POSTGRES_SEEDS', 'POSTGRES_USER', 'DBNAME', 'VISIBILITY_DBNAME'])
        expect(env('temporal')[key]).toBe(env('temporal-schema')[key]);
    });

    it('creates the namespace the service uses with an explicit retention', () => {
      const namespace = env('temporal-namespace');
      expect(namespace.TEMPORAL_NAMESPACE_RETENTION).toMatch(/^\d+h$/);
      expect(parseInt(namespace.TEMPORAL_NAMESPACE_RETENTION, 10)).toBeGreaterThanOrEqual(7 * 24);
      expect(namespaceScript).toMatch(
        /namespace create --namespace "\$TEMPORAL_NAMESPACE" \\\n\s+--retention "\$TEMPORAL_NAMESPACE_RETENTION"/,
      );
      expect(namespaceScript).toMatch(
        /namespace update --namespace "\$TEMPORAL_NAMESPACE" \\\n\s+--retention "\$TEMPORAL_NAMESPACE_RETENTION"/,
      );
      for (const name of built)
        expect(env(name).TEMPORAL_NAMESPACE).toBe(namespace.TEMPORAL_NAMESPACE);
      expect(env('temporal-ui').TEMPORAL_DEFAULT_NAMESPACE).toBe(namespace.TEMPORAL_NAMESPACE);
    });

    it("registers the workflows' search attributes with the service's own definitions", () => {
      const service = services['temporal-search-attributes'];
      expect(service.command).toEqual(['node', 'dist/scripts/register-search-attributes.js']);
      expect(dependenciesOf(service)['temporal-namespace']?.condition).toBe(
        'service_completed_successfully',
      );
      for (const name of ['api', 'worker'])
        expect(dependenciesOf(services[name])['temporal-search-attributes']?.condition).toBe(
          'service_completed_successfully',
        );
    });

    it("points the UI at the API's codec endpoint, whose CORS lets the UI's origin in", () => {
      const ui = resolved('temporal-ui');
      expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe(`https://${SAMPLES.PUBLIC_HOSTNAME}/api/v1/codec`);
      const uiOrigin = ui.TEMPORAL_CORS_ORIGINS;
      expect(loadConfig(resolved('api')).codec.corsOrigins).toContain(new URL(uiOrigin).origin);
      // Operators only: the UI is published on the host's loopback, never on all interfaces.
      expect(portsOf('temporal-ui').length).toBeGreaterThan(0);
      for (const port of portsOf('temporal-ui')) expect(port).toMatch(/^127\.0\.0\.1:/);
    });
  });

  describe('PostgreSQL', () => {
    const init = read('scripts/compose/postgres-init.sh');
    const app = new URL(resolve(env('api').DATABASE_URL));
    const temporal = env('temporal');

    it('has separate users and databases for the service and for Temporal', () => {
      const appUser = app.username;
      const appDatabase = app.pathname.slice(1);
      expect(appUser).not.toBe(temporal.POSTGRES_USER);
      expect([temporal.DBNAME, temporal.VISIBILITY_DBNAME]).not.toContain(appDatabase);
      expect(init).toMatch(new RegExp(`CREATE ROLE ${appUser} LOGIN PASSWORD :'\\w+'`));
      expect(init).toMatch(new RegExp(`CREATE DATABASE ${appDatabase} OWNER ${appUser};`));
      expect(init).toMatch(new RegExp(`CREATE ROLE ${temporal.POSTGRES_USER} LOGIN PASSWORD`));
      for (const database of [temporal.DBNAME, temporal.VISIBILITY_DBNAME]) {
        expect(init).toMatch(
          new RegExp(`CREATE DATABASE ${database} OWNER ${temporal.POSTGRES_USER};`),
        );
        expect(init).toMatch(new RegExp(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC;`));
      }
      expect(init).toMatch(new RegExp(`REVOKE ALL ON DATABASE ${appDatabase} FROM PUBLIC;`));
      expect(services.postgres.volumes).toContain(
        './scripts/compose/postgres-init.sh:/docker-entrypoint-initdb.d/10-databases.sh:ro',
      );
    });

    it('publishes no database or Temporal port on the host', () => {
      for (const name of ['postgres', 'temporal']) expect(services[name].ports).toBeUndefined();
    });
  });

  describe('the service', () => {
    it.each(built)(
      '%s is configured only with variables the configuration module reads, valid ones',
      (name) => {
        const known = new Set(ENVIRONMENT_VARIABLE_NAMES);
        for (const variable of Object.keys(env(name))) {
          expect({ variable, known: known.has(variable) || variable in PENDING_VARIABLES }).toEqual(
            { variable, known: true },
          );
        }
        const config = loadConfig(resolved(name));
        expect(config.env).toBe('production');
        expect(() => requireExternal(config)).not.toThrow();
        expect(config.temporal.payloadKeys).toBeDefined(); // production encrypts payloads
        expect(config.notifications.smtp).toBeDefined();
        if (name === 'api') {
          expect(() => requireAuthSecret(config)).not.toThrow();
          expect(config.metrics.token).toBeDefined();
        }
        if (name === 'worker') {
          expect(config.workerHealthPort).toBeDefined();
          expect(config.workerMetricsPort).toBeDefined();
        }
      },
    );

    it('allows names ahead of the configuration module only while they are not in it', () => {
      // When TRUST_PROXY reaches src/config/environment.ts, remove it from PENDING_VARIABLES:
      // from then on the check above validates its value too.
      for (const name of Object.keys(PENDING_VARIABLES))
        expect({ name, alreadyKnown: ENVIRONMENT_VARIABLE_NAMES.includes(name) }).toEqual({
          name,
          alreadyKnown: false,
        });
    });

    it('gives every process of the service the same shared settings', () => {
      const shared = Object.keys(env('migrate'));
      for (const name of built)
        for (const key of shared)
          expect({ name, key, value: env(name)[key] }).toEqual({
            name,
            key,
            value: env('migrate')[key],
          });
    });

    it('runs the API and the workers as replicas, with no fixed name or host port', () => {
      for (const name of ['api', 'worker']) {
        expect(services[name].deploy?.replicas).toBeGreaterThanOrEqual(2);
        expect(services[name].ports).toBeUndefined();
      }
      for (const name of serviceNames) expect(services[name].container_name).toBeUndefined();
    });
  });

  describe('the reverse proxy', () => {
    const caddyfile = read('scripts/compose/Caddyfile');
    const proxy = services.proxy;

    it('terminates TLS with the Docker secrets it is given and publishes only 80 and 443', () => {
      expect(proxy.volumes).toContain('./scripts/compose/Caddyfile:/etc/caddy/Caddyfile:ro');
      const tls = /^\s*tls (\S+) (\S+)$/m.exec(caddyfile);
      expect(tls).not.toBeNull();
      const mounted = (proxy.secrets ?? []).map(
        (s) => `/run/secrets/${typeof s === 'string' ? s : s.source}`,
      );
      expect(mounted).toEqual(expect.arrayContaining([tls![1], tls![2]]));
      expect(portsOf('proxy').sort()).toEqual(['443:443', '443:443/udp', '80:80'].sort());
      expect(caddyfile).toMatch(/^\{\$PUBLIC_HOSTNAME\} \{$/m);
      expect(env('proxy').PUBLIC_HOSTNAME).toMatch(FROM_ENVIRONMENT);
    });

    it("spreads requests over every API replica and sets the API's proxy trust to its one hop", () => {
      const port = env('api').HTTP_PORT;
      expect(caddyfile).toMatch(new RegExp(`reverse_proxy \\{\\n\\s+dynamic a api ${port} \\{`));
      // Caddy sets X-Forwarded-For itself and trusts no incoming one: no trusted_proxies.
      expect(caddyfile).not.toMatch(/^\s*trusted_proxies/m);
      expect(env('api').TRUST_PROXY).toBe('1');
      expect(caddyfile).toMatch(/@metrics path \/metrics/);
    });
  });

  describe('Prometheus', () => {
    const prometheus = parse(read('scripts/compose/prometheus.yml')) as {
      scrape_configs: {
        job_name: string;
        metrics_path?: string;
        authorization?: { type?: string; credentials_file?: string };
        dns_sd_configs?: { names: string[]; type: string; port: number }[];
        static_configs?: { targets: string[] }[];
      }[];
    };
    const job = (name: string) => prometheus.scrape_configs.find((j) => j.job_name === name)!;

    it("scrapes every API replica's /metrics with the bearer METRICS_TOKEN", () => {
      const api = job('api');
      expect(api.metrics_path).toBe('/metrics');
      expect(api.dns_sd_configs).toEqual([
        expect.objectContaining({ names: ['api'], type: 'A', port: Number(env('api').HTTP_PORT) }),
      ]);
      expect(api.authorization?.type).toBe('Bearer');
      const secret = /^\/run\/secrets\/(\w+)$/.exec(api.authorization?.credentials_file ?? '')?.[1];
      expect(services.prometheus.secrets).toContain(secret);
      const tokenVariable = /^\$\{(\w+):\?/.exec(env('api').METRICS_TOKEN)?.[1];
      expect(tokenVariable).toBe('METRICS_TOKEN');
      expect(compose.secrets?.[secret!]?.environment).toBe(tokenVariable);
      expect(services.prometheus.volumes).toContain(
        './scripts/compose/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
      );
    });

    it("scrapes every worker replica's SDK metrics and the Temporal server's", () => {
      expect(job('worker').dns_sd_configs).toEqual([
        expect.objectContaining({
          names: ['worker'],
          type: 'A',
          port: Number(env('worker').WORKER_METRICS_PORT),
        }),
      ]);
      const temporalPort = env('temporal').PROMETHEUS_ENDPOINT.split(':').at(-1);
      expect(job('temporal').static_configs).toEqual([{ targets: [`temporal:${temporalPort}`] }]);
    });
  });
});

describe('README', () => {
  const readme = read('README.md');

  it('shows the two commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });

  it('stays short: at most 12 KB, the rest is in docs/', () => {
    expect(Buffer.byteLength(readme, 'utf8')).toBeLessThanOrEqual(12 * 1024);
  });

  it('draws the tree as the folders are: every folder of src/ and workflows/, and no other', () => {
    const tree = readme.slice(
      readme.indexOf('```\nsrc/'),
      readme.indexOf('```', readme.indexOf('```\nsrc/') + 3),
    );
    // The tree's second-level lines: "  name/   what it is", under the top-level folder above them.
    const drawn = { src: [] as string[], workflows: [] as string[] };
    let top = '';
    for (const line of tree.split('\n')) {
      const topLevel = /^([a-z.][\w.-]*)\/\s/.exec(line);
      if (topLevel) top = topLevel[1];
      const nested = /^ {2}([\w/-]+)\/\s/.exec(line);
      if (nested && (top === 'src' || top === 'workflows')) drawn[top].push(nested[1]);
    }
    const folders = (parent: string, depth: number): string[] =>
      readdirSync(join(root, parent), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .flatMap((entry) => {
          const below = depth > 1 ? folders(`${parent}/${entry.name}`, depth - 1) : [];
          return [entry.name, ...below.map((name) => `${entry.name}/${name}`)];
        });
    expect(drawn.src.sort()).toEqual(folders('src', 1).sort());
    // workflows/ is drawn one level deeper where it nests (common/sla/).
    expect(drawn.workflows.sort()).toEqual(folders('workflows', 2).sort());
  });

  it('points at the project’s own domain rules, never at ../shared (a clone has none)', () => {
    expect(readme).toContain('(docs/domain.md)');
    expect(readme).not.toMatch(/\.\.\/shared|\/work\/shared/);
  });
});

describe('docs/configuration.md', () => {
  const configurationDoc = read('docs/configuration.md');

  it('documents every configuration variable', () => {
    for (const variable of ENVIRONMENT_VARIABLE_NAMES) {
      expect(configurationDoc).toContain(`\`${variable}\``);
    }
  });
});

describe('docs/', () => {
  const documents = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];

  it.each(documents)('%s links only to files that exist', (document) => {
    const folder = join(root, document, '..');
    const targets = [...read(document).matchAll(/\]\(([^)\s]+)\)/g)]
      .map((match) => match[1].split('#')[0])
      .filter((target) => target !== '' && !/^[a-z]+:/.test(target));
    for (const target of targets) {
      expect({ document, target, exists: existsSync(join(folder, target)) }).toEqual({
        document,
        target,
        exists: true,
      });
    }
  });

  it.each(documents)('%s does not send the reader to ../shared (a clone has none)', (document) => {
    expect(read(document)).not.toMatch(/\.\.\/shared|\/work\/shared/);
  });
});

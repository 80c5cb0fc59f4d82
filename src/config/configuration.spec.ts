import { ConfigurationError, loadConfig, requireExternal } from './configuration';

describe('configuration', () => {
  it('has working defaults for the embedded development stack', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(config.database.url).toBeUndefined();
    expect(config.temporal.address).toBeUndefined();
    expect(config.temporal.namespace).toBe('default');
    expect(config.temporal.embedded.port).toBe(7233);
    expect(config.database.embedded.dataDir).toMatch(/\.data\/postgres$/);
  });

  it.each([
    [
      { TEMPORAL_ADDRESS: 'nonsense' },
      /^Invalid configuration: TEMPORAL_ADDRESS must be host:port.*"nonsense"/,
    ],
    [{ HTTP_PORT: '80a' }, /^Invalid configuration: HTTP_PORT /],
    [{ HTTP_PORT: '70000' }, /^Invalid configuration: HTTP_PORT must not be greater than 65535/],
    [
      { DATABASE_URL: 'mysql://x@y/z' },
      /^Invalid configuration: DATABASE_URL must look like postgres:/,
    ],
    [{ NODE_ENV: 'staging' }, /^Invalid configuration: NODE_ENV /],
    [{ TEMPORAL_TLS: 'maybe' }, /^Invalid configuration: TEMPORAL_TLS /],
    [
      { TEMPORAL_TLS_CERT_PATH: '/tmp/c.pem' },
      /TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together/,
    ],
  ])('refuses %p with one line naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('never echoes a secret or a URL’s credentials in the error', () => {
    const message = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected a configuration error');
    };
    const url = message({ DATABASE_URL: 'postgres://permits:s3cret@db.internal:5432' });
    expect(url).toMatch(/^Invalid configuration: DATABASE_URL /);
    expect(url).not.toContain('s3cret');
    expect(url).toContain('postgres://***@db.internal:5432');
  });

  it('trusts no proxy unless TRUST_PROXY names them: a hop count, addresses or CIDR ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    for (const none of ['false', 'none', '0'])
      expect(loadConfig({ TRUST_PROXY: none }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7' }).trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.7']);
    const refused = (value: string) => () => loadConfig({ TRUST_PROXY: value });
    expect(refused('true')).toThrow(/^Invalid configuration: TRUST_PROXY must name the proxies/);
    expect(refused('11')).toThrow(/TRUST_PROXY must be a hop count from 0 to 10/);
    expect(refused('10.0.0.0/33')).toThrow(
      /TRUST_PROXY entry "10.0.0.0\/33" must be an IP address/,
    );
    expect(refused('proxy.internal')).toThrow(/TRUST_PROXY entry "proxy.internal"/);
    expect(refused('10.0.0.1,')).toThrow(/TRUST_PROXY entry ""/);
    // The old name is refused rather than ignored (ignoring it would put every client in one bucket).
    expect(() => loadConfig({ TRUST_PROXY_HOPS: '1' })).toThrow(
      /TRUST_PROXY_HOPS is now TRUST_PROXY/,
    );
  });

  it('turns on TLS when an API key or certificates are configured', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'ns.tmprl.cloud:7233', TEMPORAL_API_KEY: 'k' });
    expect(config.temporal.tls).toBeDefined();
    expect(config.temporal.apiKey).toBe('k');
  });

  it('accepts external servers and requires them where nothing is embedded', () => {
    expect(() => requireExternal(loadConfig({}))).toThrow(/DATABASE_URL is required/);
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db.internal:5432/permits',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_NAMESPACE: 'permits-prod',
    });
    expect(requireExternal(config)).toEqual({
      databaseUrl: 'postgres://u:p@db.internal:5432/permits',
      temporalAddress: 'temporal.internal:7233',
    });
  });
});

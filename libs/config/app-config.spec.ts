import { ConfigError, loadConfig, requireJwtSecret, requirePayloadKeys } from './app-config';

describe('loadConfig', () => {
  it('uses local defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/salur');
    expect(config.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'salur-sop',
    });
    expect(config.api.port).toBe(3000);
  });

  it('reads values from the environment', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:secret@db.internal:6543/salur_prod',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_NAMESPACE: 'dinsos',
      TEMPORAL_TASK_QUEUE: 'sop-2021',
      API_PORT: '8080',
      LOG_LEVEL: 'warn',
    });
    expect(config.temporal.namespace).toBe('dinsos');
    expect(config.api.port).toBe(8080);
    expect(config.logLevel).toBe('warn');
  });

  it.each([
    ['API_PORT', 'eighty'],
    ['API_PORT', '70000'],
    ['TEMPORAL_ADDRESS', 'no-port'],
    ['DATABASE_URL', 'mysql://localhost'],
    ['LOG_LEVEL', 'chatty'],
    ['TEMPORAL_TASK_QUEUE', 'has spaces'],
    ['SOP_STEP_SLA', 'three days'],
    ['SOP_DELIVERY_GRACE', '0s'],
    ['SOP_SLA_BY_STEP', 'verval:48h'],
  ])('refuses a bad %s and names it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('reads step deadlines as durations', () => {
    const config = loadConfig({
      SOP_STEP_SLA: '48h',
      SOP_DELIVERY_GRACE: '90m',
      SOP_SLA_BY_STEP: 'verval=2d, inspection=4h',
    });
    expect(config.sop).toEqual({
      stepSlaMs: 48 * 3_600_000,
      deliveryGraceMs: 90 * 60_000,
      slaByStepMs: { verval: 2 * 86_400_000, inspection: 4 * 3_600_000 },
    });
  });

  it('has no JWT secret by default, and takes one of 32 characters or more, 8h tokens by default', () => {
    expect(loadConfig({}).jwt).toEqual({ secret: undefined, ttlSeconds: 8 * 3600 });
    expect(loadConfig({ NODE_ENV: 'development' }).jwt.secret).toBeUndefined();
    expect(loadConfig({ JWT_TTL: '15m', JWT_SECRET: 'x'.repeat(32) }).jwt).toEqual({
      secret: 'x'.repeat(32),
      ttlSeconds: 900,
    });
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32/);
    expect(() => loadConfig({ JWT_TTL: 'forever' })).toThrow(/JWT_TTL must be a duration/);
  });

  it('lets the worker and the tools load a config without JWT_SECRET, and refuses it to the API', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeTruthy();
    expect(() => requireJwtSecret(config)).toThrow(ConfigError);
    expect(() => requireJwtSecret(config)).toThrow(/JWT_SECRET must be set/);
    expect(requireJwtSecret(loadConfig({ JWT_SECRET: 'p'.repeat(40) }))).toHaveLength(40);
  });

  it('reads rate limits as requests per window, with defaults the main job stays under', () => {
    expect(loadConfig({}).rateLimits).toEqual({
      loginPerUser: { limit: 10, windowMs: 15 * 60_000 },
      loginPerAddress: { limit: 200, windowMs: 15 * 60_000 },
      expensivePerUser: { limit: 120, windowMs: 60_000 },
      verifyPerAddress: { limit: 30, windowMs: 60_000 },
    });
    expect(loadConfig({ RATE_LIMIT_LOGIN_PER_USER: '5 / 1h' }).rateLimits.loginPerUser).toEqual({
      limit: 5,
      windowMs: 3_600_000,
    });
  });

  it.each([
    ['RATE_LIMIT_LOGIN_PER_USER', '10'],
    ['RATE_LIMIT_LOGIN_PER_ADDRESS', '0/1m'],
    ['RATE_LIMIT_EXPENSIVE_PER_USER', 'many/1m'],
    ['RATE_LIMIT_EXPENSIVE_PER_USER', '10/soon'],
    ['RATE_LIMIT_VERIFY_PER_ADDRESS', '-1/1m'],
  ])('refuses a bad %s=%s and names it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('prints documents with Dinas Sosial under the heading and the verification address of the API', () => {
    const defaults = loadConfig({ API_PORT: '3100' }).documents;
    expect(defaults).toMatchObject({
      agency: 'Dinas Sosial',
      agencyAddress: '',
      verifyUrl: 'http://127.0.0.1:3100/verify',
    });
    expect(defaults.dir).toMatch(/\/documents$/);
    const set = loadConfig({
      DOCUMENTS_VERIFY_URL: 'https://salur.semarangkota.go.id/verify/',
      DOCUMENTS_AGENCY: 'Dinas Sosial Kota Semarang',
      DOCUMENTS_AGENCY_ADDRESS: 'Jl. Pemuda No. 148, Semarang',
    }).documents;
    expect(set).toMatchObject({
      agency: 'Dinas Sosial Kota Semarang',
      agencyAddress: 'Jl. Pemuda No. 148, Semarang',
      verifyUrl: 'https://salur.semarangkota.go.id/verify',
    });
    for (const bad of ['salur.go.id/verify', 'https://x/verify?code=', 'ftp://x/verify']) {
      expect(() => loadConfig({ DOCUMENTS_VERIFY_URL: bad })).toThrow(
        'DOCUMENTS_VERIFY_URL must be',
      );
    }
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ API_PORT: '0', LOG_LEVEL: 'loud' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });
});

describe('payload keys', () => {
  const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');

  it('has none by default, and requirePayloadKeys then says how to get one', () => {
    expect(loadConfig({}).payloadKeys).toBeUndefined();
    expect(() => requirePayloadKeys(loadConfig({}))).toThrow(/PAYLOAD_KEYS must be set/);
  });

  it('reads several keys; the current one is PAYLOAD_KEY_CURRENT, or the first listed', () => {
    const both = `new:${key(2)}, old:${key(1)}`;
    const first = loadConfig({ PAYLOAD_KEYS: both }).payloadKeys;
    expect(first?.currentKeyId).toBe('new');
    expect([...(first?.keys.keys() ?? [])]).toEqual(['new', 'old']);
    expect(first?.keys.get('old')).toEqual(Buffer.alloc(32, 1));
    const chosen = loadConfig({ PAYLOAD_KEYS: both, PAYLOAD_KEY_CURRENT: 'old' }).payloadKeys;
    expect(chosen?.currentKeyId).toBe('old');
  });

  it.each([
    [{ PAYLOAD_KEYS: 'no-colon' }, /PAYLOAD_KEYS must be id:base64key pairs/],
    [{ PAYLOAD_KEYS: `bad id:${key(1)}` }, /entry 1 has no valid id/],
    [{ PAYLOAD_KEYS: 'short:AAAA' }, /the key "short" must be 32 random bytes/],
    [{ PAYLOAD_KEYS: 'notb64:!!!!' }, /the key "notb64" must be 32 random bytes/],
    [{ PAYLOAD_KEYS: `a:${key(1)},a:${key(2)}` }, /lists the key id "a" twice/],
    [{ PAYLOAD_KEYS: `a:${key(1)}`, PAYLOAD_KEY_CURRENT: 'b' }, /PAYLOAD_KEY_CURRENT must be one/],
    [{ PAYLOAD_KEY_CURRENT: 'a' }, /PAYLOAD_KEY_CURRENT is set but PAYLOAD_KEYS is not/],
  ])('refuses %j with a reason, never quoting a key', (env, reason) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(reason);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain(key(1));
    }
  });

  it('lets the Temporal Web UI’s origin call the codec endpoint, and refuses a bad origin', () => {
    expect(loadConfig({}).codecAllowedOrigins).toEqual([
      'http://127.0.0.1:8233',
      'http://localhost:8233',
    ]);
    expect(
      loadConfig({ CODEC_ALLOWED_ORIGINS: 'https://temporal.example.go.id/' }).codecAllowedOrigins,
    ).toEqual(['https://temporal.example.go.id']);
    expect(() => loadConfig({ CODEC_ALLOWED_ORIGINS: '*' })).toThrow(/CODEC_ALLOWED_ORIGINS/);
  });
});

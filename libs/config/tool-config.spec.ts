import { loadChaosSettings, useThrowawayJwtSecret } from './tool-config';

describe('loadChaosSettings', () => {
  it('runs on its own ports unless told otherwise, never the shared services', () => {
    expect(loadChaosSettings({})).toMatchObject({
      pgPort: 5305,
      temporalPort: 9305,
      temporalUiPort: 9405,
      apiPort: 8305,
      dataDir: undefined,
    });
    expect(loadChaosSettings({ CHAOS_API_PORT: '8400', CHAOS_DATA_DIR: '/tmp/c' })).toMatchObject({
      apiPort: 8400,
      dataDir: '/tmp/c',
    });
  });

  it('refuses a port that is not one, naming the variable', () => {
    expect(() => loadChaosSettings({ CHAOS_PG_PORT: '54a', CHAOS_API_PORT: '70000' })).toThrow(
      /CHAOS_PG_PORT must be a port number[\s\S]*CHAOS_API_PORT must be a port number/,
    );
  });
});

describe('useThrowawayJwtSecret', () => {
  it('sets a long random secret only when none is set', () => {
    const env: Record<string, string | undefined> = {};
    useThrowawayJwtSecret(env);
    expect(env.JWT_SECRET?.length).toBeGreaterThanOrEqual(32);
    const kept = { JWT_SECRET: 'x'.repeat(40) };
    useThrowawayJwtSecret(kept);
    expect(kept.JWT_SECRET).toBe('x'.repeat(40));
  });
});

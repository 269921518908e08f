import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, requireJwtSecret, requirePayloadKeys } from '@salur/libs/config';

const REPO_ROOT = join(__dirname, '..', '..');

/** What `npm run up` does for the API's secret: infra/local-secrets.sh's ensure_jwt_secret. */
function ensureJwtSecret(dataDir: string): string {
  return execFileSync(
    'bash',
    ['-c', 'source infra/local-secrets.sh && ensure_jwt_secret "$1"', 'bash', dataDir],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
}

describe('npm run up: the JWT secret', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'salur-jwt-')), '.data');
  });
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  it('generates a random secret into the data folder on first run, readable by its owner only', () => {
    const secret = ensureJwtSecret(dataDir);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(secret);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    // The API takes it.
    expect(requireJwtSecret(loadConfig({ JWT_SECRET: secret }))).toBe(secret);
  });

  it('reuses it on every later run, so tokens outlive a restart', () => {
    const first = ensureJwtSecret(dataDir);
    expect(ensureJwtSecret(dataDir)).toBe(first);
  });

  it('differs from one data folder (clone) to another', () => {
    const other = join(dataDir, '..', 'other');
    expect(ensureJwtSecret(dataDir)).not.toBe(ensureJwtSecret(other));
  });
});

describe('npm run up: the payload key', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'salur-payload-')), '.data');
  });
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  const ensurePayloadKeys = (dir: string): string =>
    execFileSync(
      'bash',
      ['-c', 'source infra/local-secrets.sh && ensure_payload_keys "$1"', 'bash', dir],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );

  it('generates one AES-256 key into the data folder once, owner-only, that the config takes', () => {
    const value = ensurePayloadKeys(dataDir);
    expect(statSync(join(dataDir, 'payload-keys')).mode & 0o777).toBe(0o600);
    const keys = requirePayloadKeys(loadConfig({ PAYLOAD_KEYS: value }));
    expect(keys.keys.size).toBe(1);
    expect(keys.keys.get(keys.currentKeyId)).toHaveLength(32);
    expect(ensurePayloadKeys(dataDir)).toBe(value);
    expect(ensurePayloadKeys(join(dataDir, '..', 'other'))).not.toBe(value);
  });
});

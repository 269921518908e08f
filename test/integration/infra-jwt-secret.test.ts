import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, requireJwtSecret } from '@salur/libs/config';

const REPO_ROOT = join(__dirname, '..', '..');

/** What `npm run up` does for the API's secret: infra/jwt-secret.sh's ensure_jwt_secret. */
function ensureJwtSecret(dataDir: string): string {
  return execFileSync(
    'bash',
    ['-c', 'source infra/jwt-secret.sh && ensure_jwt_secret "$1"', 'bash', dataDir],
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

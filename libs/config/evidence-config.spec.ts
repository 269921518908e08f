import { join } from 'node:path';
import { repoRoot } from './repo-root';
import { ConfigError, loadConfig } from './app-config';

describe('evidence configuration', () => {
  it('keeps evidence under SALUR_DATA_DIR, 10 MB per file, by default', () => {
    expect(loadConfig({}).evidence).toEqual({
      dir: join(repoRoot(), '.data', 'evidence'),
      maxBytes: 10 * 1024 * 1024,
    });
    expect(loadConfig({ SALUR_DATA_DIR: '/srv/salur' }).evidence.dir).toBe('/srv/salur/evidence');
  });

  it('takes its own directory and limit', () => {
    expect(
      loadConfig({ EVIDENCE_DIR: '/mnt/evidence', EVIDENCE_MAX_BYTES: '512KB' }).evidence,
    ).toEqual({ dir: '/mnt/evidence', maxBytes: 512 * 1024 });
  });

  it.each(['ten', '0', '2GB'])('refuses EVIDENCE_MAX_BYTES=%s and names it', (value) => {
    expect(() => loadConfig({ EVIDENCE_MAX_BYTES: value })).toThrow(ConfigError);
    expect(() => loadConfig({ EVIDENCE_MAX_BYTES: value })).toThrow('EVIDENCE_MAX_BYTES');
  });
});

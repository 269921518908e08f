import type { INestApplication } from '@nestjs/common';
import { as, loginAs } from '../support/auth';
import { createTestApi } from '../support/api-app';
import { testConfig } from '../support/test-app';

interface RegionItem {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

/** GET /regions, which docs/import.md names as the list of codes for `kode_kelurahan`. */
describe('GET /regions', () => {
  let app: INestApplication;
  let operator: ReturnType<typeof as>;

  beforeAll(async () => {
    app = await createTestApi(testConfig());
    operator = as(app, await loginAs(app, 'kecamatan_operator', '33.74.14'));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists every kecamatan followed by its kelurahan, shaped like every other list', async () => {
    const res = await operator.get('/regions').expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['items', 'nextCursor']);
    expect(res.body.nextCursor).toBeNull();
    const items = res.body.items as RegionItem[];
    expect(items.filter((r) => r.level === 'kecamatan')).toHaveLength(16);
    expect(items.filter((r) => r.level === 'kelurahan_desa')).toHaveLength(177);
    const mijen = items.findIndex((r) => r.code === '33.74.14');
    expect(items.slice(mijen, mijen + 2)).toEqual([
      { code: '33.74.14', name: 'Mijen', level: 'kecamatan', parentCode: '33.74' },
      { code: '33.74.14.1001', name: 'Cangkiran', level: 'kelurahan_desa', parentCode: '33.74.14' },
    ]);
  });

  it("narrows to one kecamatan's codes, and names a bad or unknown kecamatan", async () => {
    const res = await operator.get('/regions').query({ kecamatan: '33.74.14' }).expect(200);
    const items = res.body.items as RegionItem[];
    expect(items[0].code).toBe('33.74.14');
    expect(items.slice(1).every((r) => r.parentCode === '33.74.14')).toBe(true);
    expect(items.length).toBeGreaterThan(1);

    const bad = await operator.get('/regions').query({ kecamatan: 'mijen' }).expect(400);
    expect(bad.body.fields).toEqual([
      { field: 'kecamatan', reason: 'must be a kecamatan code like 33.74.01' },
    ]);
    await operator.get('/regions').query({ kecamatan: '33.74.99' }).expect(404);
  });
});

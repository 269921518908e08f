import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '@salur/apps/api/src/app.module';
import { securityHeaders } from '@salur/apps/api/src/auth/security-headers';
import { setUpOpenApi } from '@salur/apps/api/src/openapi';
import { APP_CONFIG } from '@salur/libs/config';
import { createTestApi } from '../support/api-app';
import { as, loginAs } from '../support/auth';
import { useSopHarness } from '../support/sop-harness';
import { TEST_JWT_SECRET } from '../support/test-app';

const KEC = '33.74.01';

/**
 * Tokens that never expire, an API without its own secret, security headers, and NIKs
 * written with spaces or dots in the free text of a command (which would go into workflow
 * history).
 */
describe('API security', () => {
  const h = useSopHarness();
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApi(h.config);
    await h.sop.startProgramme([{ kecamatanCode: KEC, quota: 2 }]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers 401 to a token signed with the right secret but without an expiry', async () => {
    const session = await loginAs(app, 'tim_data');
    const route = `/kecamatan/${KEC}/kelurahan`;
    await as(app, session).get(route).expect(200);

    const jwt = new JwtService({ secret: TEST_JWT_SECRET });
    // The login's own claims (user, role, token version), only `exp` left out.
    const { exp, iat, ...claims } = jwt.decode<Record<string, unknown>>(session.token);
    expect([typeof exp, typeof iat]).toEqual(['number', 'number']);
    const forever = jwt.sign(claims);
    expect(jwt.decode<Record<string, unknown>>(forever).exp).toBeUndefined();

    const res = await http().get(route).set('authorization', `Bearer ${forever}`);
    expect([res.status, res.body.code]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('does not start without JWT_SECRET, and says so', async () => {
    await expect(
      createTestApi({ ...h.config, jwt: { secret: undefined, ttlSeconds: 3600 } }),
    ).rejects.toThrow(/JWT_SECRET must be set/);
  });

  it('sends security headers on every answer', async () => {
    for (const res of [
      await http().get('/health'),
      await http().get(`/kecamatan/${KEC}/kelurahan`),
    ]) {
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('keeps Swagger UI at /docs working under the security headers', async () => {
    // As main.ts builds it: headers first, then the docs, then the routes.
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(APP_CONFIG)
      .useValue(h.config)
      .compile();
    const docs = moduleRef.createNestApplication({ logger: false });
    docs.use(securityHeaders());
    setUpOpenApi(docs);
    await docs.init();
    try {
      const page = await request(docs.getHttpServer()).get('/docs/').expect(200);
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      const html = page.text;
      // The CSP allows no inline script: every script and style comes from /docs itself.
      expect(html).not.toMatch(/<script>[^<]*\S[^<]*<\/script>/);
      const assets = [...html.matchAll(/(?:src|href)=["']([^"']+)["']/g)].map((m) => m[1]);
      expect(assets.length).toBeGreaterThanOrEqual(3);
      for (const asset of assets) {
        expect(asset).not.toMatch(/^(https?:)?\/\//);
        await request(docs.getHttpServer())
          .get(new URL(asset, 'http://x/docs/').pathname)
          .expect(200);
      }
      const document = await request(docs.getHttpServer()).get('/docs-json').expect(200);
      expect(document.body.paths['/auth/login']).toBeDefined();
    } finally {
      await docs.close();
    }
  });

  it.each(['3374 0112 0385 0002', '3374.0112.0385.0002', '33-74-01-12-03-85-0002'])(
    'refuses a follow-up holding the NIK %s with 400 naming the field, not the value',
    async (nik) => {
      const monev = as(app, await loginAs(app, 'tim_monev'));
      const res = await monev
        .post(`/allocations/${h.sop.allocationId(KEC)}/commands/RESOLVE_COMPLAINT`)
        .send({ payload: { complaintId: 'ADU-1', followUp: `keluarga ${nik} sudah dihubungi` } });
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.fields).toEqual([
        { field: 'payload.followUp', reason: expect.stringContaining('NIK') as unknown },
      ]);
      expect(JSON.stringify(res.body)).not.toContain(nik);
    },
  );
});

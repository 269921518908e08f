import type { INestApplication } from '@nestjs/common';
import request, { type Response } from 'supertest';
import type { DataSource } from 'typeorm';
import { DEMO_PASSWORD, demoUsername, seedDemoUsers } from '@salur/apps/cli/src/seed-demo-users';
import type { AppConfig } from '@salur/libs/config';
import { createTestApi } from '../support/api-app';
import { as, loginAs } from '../support/auth';
import { openTestDataSource, testConfig, testProgramId } from '../support/test-app';

const MINUTE = 60_000;

/** Small limits for this file only; every other test runs with limits it never reaches. */
function limitedConfig(): AppConfig {
  const config = testConfig();
  return {
    ...config,
    rateLimits: {
      loginPerUser: { limit: 3, windowMs: MINUTE },
      loginPerAddress: { limit: 5, windowMs: MINUTE },
      expensivePerUser: { limit: 2, windowMs: MINUTE },
      verifyPerAddress: { limit: 3, windowMs: MINUTE },
    },
  };
}

function expectTooMany(res: Response): void {
  expect([res.status, res.body.code]).toEqual([429, 'TOO_MANY_REQUESTS']);
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
  expect(res.body.message).toMatch(/try again in \d+ seconds/);
}

/**
 * OWASP API4: logins are limited per username and per address, and heavy requests (imports,
 * RUN_VERVAL, evidence uploads) per user, each answering 429 with Retry-After. Each test has
 * its own API instance, so its counters start at zero.
 */
describe('rate limits', () => {
  let dataSource: DataSource;
  let app: INestApplication | undefined;
  const login = (username: string, password: string) =>
    request(app!.getHttpServer()).post('/auth/login').send({ username, password });

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    await seedDemoUsers(dataSource);
  });
  beforeEach(async () => {
    app = await createTestApi(limitedConfig());
  });
  afterEach(async () => {
    await app?.close();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('stops guessing one user’s password after the limit, even with the right one', async () => {
    const username = demoUsername('tim_data');
    for (let i = 0; i < 3; i++) await login(username, `wrong-${i}`).expect(401);
    expectTooMany(await login(username, 'wrong-again'));
    expectTooMany(await login(username, DEMO_PASSWORD));
    // Usernames are lower case: another spelling is the same user.
    expectTooMany(await login(username.toUpperCase(), DEMO_PASSWORD));
    // Another user from the same address is not locked out.
    await login(demoUsername('tim_monev'), DEMO_PASSWORD).expect(200);
  });

  it('stops one address trying many users after the limit', async () => {
    for (let i = 0; i < 5; i++) await login(`nobody-${i}`, 'wrong-password').expect(401);
    expectTooMany(await login('nobody-5', 'wrong-password'));
    expectTooMany(await login(demoUsername('tim_monev'), DEMO_PASSWORD));
  });

  it('limits imports, verval runs and uploads per user, and nothing else', async () => {
    const timData = as(app!, await loginAs(app!, 'tim_data'));
    const allocation = `/allocations/allocation-${testProgramId()}-33.74.01`;
    // No such allocation: the request still counts, as the work it asks for would be heavy.
    for (let i = 0; i < 2; i++) {
      const res = await timData.post(`${allocation}/commands/RUN_VERVAL`).send({});
      expect(res.status).not.toBe(429);
    }
    expectTooMany(await timData.post(`${allocation}/commands/RUN_VERVAL`).send({}));
    // One budget across the heavy routes: an import is refused before its file is read.
    expectTooMany(
      await timData
        .post('/exclusion-registers/pkh/import')
        .attach('file', Buffer.from('nik\n'), { filename: 'pkh.csv', contentType: 'text/csv' }),
    );
    // Other commands and reads are not limited.
    const other = await timData.post(`${allocation}/commands/PRINT_BAST_BNBA`).send({});
    expect(other.status).not.toBe(429);
    await timData.get(`/kecamatan/33.74.01/kelurahan`).expect(200);
    // Another user has its own budget.
    const kec = as(app!, await loginAs(app!, 'kecamatan_operator', '33.74.01'));
    const upload = await kec.post(`${allocation}/proposals`).send({ persons: [] });
    expect(upload.status).not.toBe(429);
  });

  it('limits verifications per address, by code and by file, without a token', async () => {
    const server = request(app!.getHttpServer());
    // Unknown codes: the answers are 404, and they still count (that is what guessing is).
    for (let i = 0; i < 2; i++) await server.get('/verify/7KQ2M-XD4PA').expect(404);
    const forged = await server
      .post('/verify')
      .attach('file', Buffer.from('%PDF-1.4 not ours'), 'bnba.pdf')
      .expect(200);
    expect(forged.body.verified).toBe(false);
    const refused = await server.get('/verify/7KQ2M-XD4PA');
    expectTooMany(refused);
    expect(refused.body.message).toMatch(/^Too many document verifications/);
    expectTooMany(await server.post('/verify').attach('file', Buffer.from('x'), 'scan.pdf'));
    // Signed-in work from the same address goes on.
    await login(demoUsername('tim_data'), DEMO_PASSWORD).expect(200);
  });
});

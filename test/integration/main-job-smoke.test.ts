import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { runProgramme } from '../../apps/cli/src/programme-run';
import { seedDemoUsers } from '../../apps/cli/src/seed-demo-users';
import { APP_CONFIG } from '../../libs/config';
import {
  openTestDataSource,
  startTestWorker,
  testConfig,
  testProgramId,
} from '../support/test-app';

/**
 * The README's main job at a small size: a real API on a port, a real worker, the demo
 * users, and the programme driven over HTTP by each role through all 17 steps.
 */
describe('the main job', () => {
  const config = testConfig();
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(APP_CONFIG)
      .useValue(config)
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    await seedDemoUsers(app.get(DataSource));
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  it('runs a programme of three kecamatan to collection, with the returned persons and the failed inspection', async () => {
    const address = app.getHttpServer().address() as { port: number };
    const lines: string[] = [];
    const rows = await runProgramme({
      baseUrl: `http://127.0.0.1:${address.port}`,
      programId: testProgramId(),
      persons: 5,
      kecamatan: ['33.74.01', '33.74.02', '33.74.03'],
      log: (line) => lines.push(line),
    });

    expect(rows).toEqual(
      ['33.74.01', '33.74.02', '33.74.03'].map((kecamatan, index) => ({
        kecamatan,
        step: '17 completed',
        accepted: 3,
        withdrawn: 2,
        verval_rounds: 1,
        failed_inspections: index === 0 ? 1 : 0,
        delivered: 3,
        distributed: 3,
        complaints: 1,
        stuck: 'no',
      })),
    );
    expect(lines[0]).toContain('3 kecamatan');
    expect(lines.some((l) => l.includes('steps 5-7'))).toBe(true);
  });
});

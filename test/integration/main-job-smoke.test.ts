import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runProgramme } from '@salur/apps/cli/src/programme-run';
import { createProgress } from '@salur/apps/cli/src/progress';
import { seedDemoUsers } from '@salur/apps/cli/src/seed-demo-users';
import {
  openTestDataSource,
  startTestWorker,
  testConfig,
  testProgramId,
} from '../support/test-app';
import { createTestApi } from '../support/api-app';
import { as, loginAs } from '../support/auth';
import { useRegisterImportLease } from '../support/exclusion-registers';
import { eventually } from '../support/sop-driver';

/**
 * The README's main job at a small size: a real API on a port, a real worker, the demo
 * users, and the programme driven over HTTP by each role through all 17 steps.
 */
describe('the main job', () => {
  // The job loads all six register files; its verval must read them, not another file's.
  useRegisterImportLease();
  const config = testConfig();
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startTestWorker(config, dataSource);
    app = await createTestApi(config, { listen: true });
    await seedDemoUsers(app.get(DataSource));
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  it('runs a programme of three kecamatan to collection: imported files, returned persons fixed, one failed inspection', async () => {
    const address = app.getHttpServer().address() as { port: number };
    const lines: string[] = [];
    const programId = testProgramId();
    const kecamatan = ['33.74.01', '33.74.02', '33.74.03'];
    const workDir = await mkdtemp(join(tmpdir(), 'salur-main-job-'));
    const rows = await runProgramme({
      baseUrl: `http://127.0.0.1:${address.port}`,
      programId,
      persons: 60,
      kecamatan,
      workDir,
      progress: createProgress({ bars: false, log: (line) => lines.push(line) }),
    });

    expect(rows.map((r) => [r.kecamatan, r.step, r.stuck])).toEqual(
      kecamatan.map((k) => [k, '17 completed', 'no']),
    );
    for (const [index, row] of rows.entries()) {
      expect(row.proposed).toBe(60);
      // Everyone returned was either corrected (and then accepted) or withdrawn.
      expect(row.accepted + row.withdrawn).toBe(row.proposed);
      expect(row.returned).toBeGreaterThanOrEqual(row.corrected + row.withdrawn);
      expect([row.delivered, row.distributed]).toEqual([row.accepted, row.accepted]);
      expect(row.failed_inspections).toBe(index === 0 ? 1 : 0);
      expect(row.complaints).toBe(1);
    }

    // Verval returned each kind of person the generator put in, with its reason.
    const reasons: { reason: string }[] = await dataSource.query(
      `SELECT DISTINCT jsonb_object_keys(rejected_by_reason) AS reason
         FROM verval_run WHERE workflow_id LIKE $1`,
      [`allocation-${programId}-%`],
    );
    expect(reasons.map((r) => r.reason)).toEqual(
      expect.arrayContaining(['NIK_INVALID', 'NOT_RESIDENT', 'EXCLUDED', 'DUPLICATE_IN_BATCH']),
    );
    // Each family on the SK got its receipt, and each kelurahan's count is its receipts'.
    const receipts: { kecamatan: string; received: number; distributed: number }[] =
      await dataSource.query(
        `SELECT r.kecamatan_code AS kecamatan, count(*)::int AS received,
                (SELECT sum((s.data->>'distributedCount')::int)::int FROM sop_step_record s
                  WHERE s.workflow_id = r.workflow_id AND s.step = 'distribution') AS distributed
           FROM kpm_receipt_in_force r WHERE r.workflow_id LIKE $1 AND r.status = 'received'
          GROUP BY r.workflow_id, r.kecamatan_code ORDER BY 1`,
        [`allocation-${programId}-%`],
      );
    expect(receipts).toEqual(
      rows.map((row) => ({
        kecamatan: row.kecamatan,
        received: row.accepted,
        distributed: row.accepted,
      })),
    );

    // Every collected BAST has its signed scan on file; the failed inspection its BA.
    const evidence: { kecamatan: string; kind: string; files: number; collected: number }[] =
      await dataSource.query(
        `SELECT e.kecamatan_code AS kecamatan, e.kind, count(*)::int AS files,
                (SELECT count(*)::int FROM sop_step_record s
                  WHERE s.workflow_id = e.workflow_id AND s.step = 'bast-collected') AS collected
           FROM evidence e WHERE e.workflow_id LIKE $1
          GROUP BY e.workflow_id, e.kecamatan_code, e.kind ORDER BY 1, 2`,
        [`allocation-${programId}-%`],
      );
    expect(evidence.filter((e) => e.kind === 'signed_ba_inspection')).toEqual([
      expect.objectContaining({ kecamatan: '33.74.01', files: 1 }),
    ]);
    const scans = evidence.filter((e) => e.kind === 'signed_bast');
    expect(scans.map((e) => e.kecamatan)).toEqual(kecamatan);
    for (const scan of scans) expect(scan.files).toBe(scan.collected);
    // Each scan is the BAST generated for its kelurahan at step 6, linked to it when collected.
    const unmatched: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM evidence e
        WHERE e.workflow_id LIKE $1 AND e.kind = 'signed_bast' AND NOT EXISTS (
          SELECT 1 FROM generated_document d JOIN document_signed_copy c ON c.document_id = d.id
           WHERE d.kind = 'bast' AND d.sha256 = e.sha256 AND c.evidence_id = e.id
             AND d.kelurahan_code = e.kelurahan_code)`,
      [`allocation-${programId}-%`],
    );
    expect(unmatched).toEqual([{ n: 0 }]);
    for (const row of rows) {
      expect(row.kelurahan_papers).toBeGreaterThan(0);
      expect(row.kelurahan_papers).toBe(3 * row.bast_signed);
      // BA Pemeriksaan, a BAST penyedia per delivery, BA Monev, the LPJ as PDF and XLSX.
      expect(row.kecamatan_papers).toBeGreaterThanOrEqual(5);
    }

    // The first upload with a shortened NIK was refused whole, naming the line and column.
    expect(lines.find((l) => l.includes('proposals imported'))).toMatch(
      /180\/180 rows — first try of 33\.74\.01 refused: line 3 nik must be 16 digits/,
    );
    expect(lines.find((l) => l.includes('verval'))).toMatch(/3\/3 kecamatan/);

    // What an admin then sees: the three allocation workflows closed as completed.
    const auditor = as(app, await loginAs(app, 'auditor'));
    await eventually(async () => {
      const completed = await auditor
        .get(`/allocations?programme=${programId}&status=completed`)
        .expect(200);
      expect(
        completed.body.items.map((i: { kecamatanCode: string }) => i.kecamatanCode).sort(),
      ).toEqual(kecamatan);
      const running = await auditor.get(`/allocations?programme=${programId}&status=running`);
      expect(running.body.items).toEqual([]);
    });
  });
});

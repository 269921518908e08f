import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { COVID_IMPACTS, readCovidImpacts } from '@salur/libs/domain/covid-impact';
import { checkPerson } from '@salur/libs/domain/nik';
import { VERVAL_RULESET_VERSION } from '@salur/libs/domain/verval';
import { ProposalRepository } from '@salur/libs/persistence/proposal.repository';
import { VERVAL_RULESET_SHA256, VervalRepository } from '@salur/libs/persistence/verval.repository';
import { holdRegisters, loadRegisterVersion } from '../support/exclusion-registers';
import {
  kkNumber,
  listedNik,
  outsiderNik,
  proposedPerson,
  semarangNik,
} from '../support/factories';
import { openTestDataSource, testProgramId } from '../support/test-app';

interface Person {
  nik: string;
  kelurahanCode: string;
  noKk?: string;
  /** An allowed impact unless stated; null for none. */
  covidImpact?: string | null;
}

interface Judged {
  nik: string;
  outcome: string;
  reasons: string[];
  warnings: string[];
  detail: Record<string, unknown>;
}

/** Verval's rules one by one, calling the repository directly on real PostgreSQL. */
describe('verval reasons', () => {
  let dataSource: DataSource;
  let proposals: ProposalRepository;
  let verval: VervalRepository;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    proposals = new ProposalRepository(dataSource);
    verval = new VervalRepository(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  async function judge(
    persons: Person[],
    options: { programId?: string; kec?: string; quota?: number; round?: number } = {},
  ) {
    const programId = options.programId ?? testProgramId();
    const kec = options.kec ?? '33.74.01';
    const workflowId = `allocation-${programId}-${kec}`;
    const { batchId } = await proposals.createBatch({
      programId,
      kecamatanCode: kec,
      workflowId,
      persons: persons.map(({ nik, kelurahanCode, noKk, covidImpact }) => ({
        ...proposedPerson(nik, kelurahanCode, { noKk }),
        ...(covidImpact === undefined ? {} : { covidImpact: covidImpact ?? undefined }),
      })),
    });
    const run = await verval.run({
      workflowId,
      programId,
      batchId,
      round: options.round ?? 1,
      quota: options.quota ?? 1000,
    });
    const results: Judged[] = await dataSource.query(
      `SELECT vr.nik, vr.outcome, vr.reasons, vr.warnings, vr.detail
         FROM verval_result vr JOIN proposed_recipient r ON r.id = vr.recipient_id
        WHERE vr.verval_run_id = $1 ORDER BY r.seq`,
      [run.vervalRunId],
    );
    return { run, results, programId, workflowId, batchId };
  }

  const KEC = '33.74.01';
  const kel = '33.74.01.1001';

  it('accepts a valid resident and stores the ruleset version, hash and registers used', async () => {
    const { run, results } = await judge([{ nik: semarangNik('33.74.01'), kelurahanCode: kel }]);
    expect(results).toEqual([
      expect.objectContaining({ outcome: 'accepted', reasons: [], warnings: [], detail: {} }),
    ]);
    const [stored] = await dataSource.query(
      `SELECT run.ruleset_version, run.ruleset_sha256, run.quota, run.exclusion_versions, rs.definition
         FROM verval_run run JOIN verval_ruleset rs ON rs.sha256 = run.ruleset_sha256 WHERE run.id = $1`,
      [run.vervalRunId],
    );
    expect(stored).toMatchObject({
      ruleset_version: VERVAL_RULESET_VERSION,
      ruleset_sha256: VERVAL_RULESET_SHA256,
      quota: 1000,
    });
    expect(sha256(stored.definition)).toBe(VERVAL_RULESET_SHA256);
    expect(Array.isArray(stored.exclusion_versions)).toBe(true);
  });

  it('NIK_INVALID: wrong length, unknown region, impossible date or serial 0000', async () => {
    const good = semarangNik('33.74.01');
    const bad = [
      good.slice(0, 15),
      `999999${good.slice(6)}`,
      `${good.slice(0, 6)}320185${good.slice(12)}`,
      `${good.slice(0, 12)}0000`,
    ];
    const { results, run } = await judge(bad.map((nik) => ({ nik, kelurahanCode: kel })));
    expect(results.map((r) => [r.outcome, r.reasons])).toEqual(
      bad.map(() => ['rejected', ['NIK_INVALID']]),
    );
    expect(run.rejectedByReason).toEqual({ NIK_INVALID: 4 });
  });

  it('KK_INVALID: a stated No. KK that fails its own checks (no +40 rule for KK)', async () => {
    const nik = semarangNik('33.74.01');
    const { results } = await judge([
      { nik, kelurahanCode: kel, noKk: '3374015507210001' },
      { nik: semarangNik('33.74.01'), kelurahanCode: kel, noKk: '3374011507210001' },
    ]);
    expect(results.map((r) => [r.outcome, r.reasons])).toEqual([
      ['rejected', ['KK_INVALID']],
      ['accepted', []],
    ]);
  });

  it('NOT_RESIDENT: a NIK from elsewhere without a Semarang KK; with one it is only a warning', async () => {
    const { results } = await judge([
      { nik: outsiderNik(), kelurahanCode: kel },
      { nik: outsiderNik(), kelurahanCode: kel, noKk: '3321011507210001' },
      { nik: outsiderNik(), kelurahanCode: kel, noKk: '3374011507210002' },
      // An address that is not a kelurahan of Kota Semarang.
      { nik: semarangNik('33.74.01'), kelurahanCode: '33.74.01' },
    ]);
    expect(results.map((r) => [r.outcome, r.reasons, r.warnings])).toEqual([
      ['rejected', ['NOT_RESIDENT'], []],
      ['rejected', ['NOT_RESIDENT'], []],
      ['accepted', [], ['NIK_ISSUED_ELSEWHERE']],
      ['rejected', ['NOT_RESIDENT'], []],
    ]);
  });

  it('warns, without rejecting, when a Semarang NIK or KK names another kecamatan than the address', async () => {
    const { results } = await judge([
      { nik: semarangNik('33.74.02'), kelurahanCode: kel, noKk: '3374021507210003' },
    ]);
    expect(results).toEqual([
      expect.objectContaining({
        outcome: 'accepted',
        warnings: ['NIK_KECAMATAN_MISMATCH', 'KK_KECAMATAN_MISMATCH'],
      }),
    ]);
  });

  it('EXCLUDED: names every register the person is in, from the current versions only', async () => {
    const both = listedNik('33.74.01');
    const onlyOld = listedNik('33.74.01');
    const { results, run, bst, kjs } = await holdRegisters(dataSource, ['BST', 'KJS'], async () => {
      await loadRegisterVersion(dataSource, 'BST', { list: [onlyOld] });
      const bst = await loadRegisterVersion(dataSource, 'BST', { list: [both], unlist: [onlyOld] });
      const kjs = await loadRegisterVersion(dataSource, 'KJS', { list: [both] });
      const judged = await judge([
        { nik: both, kelurahanCode: kel },
        { nik: onlyOld, kelurahanCode: kel },
      ]);
      return { ...judged, bst, kjs };
    });
    expect(results.map((r) => [r.outcome, r.reasons, r.detail])).toEqual([
      ['rejected', ['EXCLUDED'], { EXCLUDED: { registers: ['BST', 'KJS'] } }],
      ['accepted', [], {}],
    ]);
    const [{ ids }] = await dataSource.query(
      `SELECT exclusion_version_ids AS ids FROM verval_run WHERE id = $1`,
      [run.vervalRunId],
    );
    expect(ids).toEqual(expect.arrayContaining([bst, kjs]));
  });

  it('DUPLICATE_IN_BATCH: the second proposal of a NIK, and a NIK already accepted here', async () => {
    const nik = semarangNik('33.74.01');
    const first = await judge([
      { nik, kelurahanCode: kel },
      { nik, kelurahanCode: '33.74.01.1002' },
    ]);
    expect(first.results.map((r) => [r.outcome, r.reasons])).toEqual([
      ['accepted', []],
      ['rejected', ['DUPLICATE_IN_BATCH']],
    ]);
    const again = await judge([{ nik, kelurahanCode: kel }], {
      programId: first.programId,
      round: 2,
    });
    expect(again.results.map((r) => r.reasons)).toEqual([['DUPLICATE_IN_BATCH']]);
  });

  it('DUPLICATE_OTHER_KECAMATAN: the earlier accepted keeps the place; the reason names where', async () => {
    const nik = semarangNik('33.74.01');
    const first = await judge([{ nik, kelurahanCode: kel }]);
    const second = await judge([{ nik, kelurahanCode: '33.74.02.1001' }], {
      programId: first.programId,
      kec: '33.74.02',
    });
    expect(second.results).toEqual([
      expect.objectContaining({
        outcome: 'rejected',
        reasons: ['DUPLICATE_OTHER_KECAMATAN'],
        detail: {
          DUPLICATE_OTHER_KECAMATAN: {
            kecamatanCode: '33.74.01',
            kecamatanName: expect.any(String),
          },
        },
      }),
    ]);
    const [{ status }] = await dataSource.query(
      `SELECT r.status FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
        WHERE b.workflow_id = $1`,
      [first.workflowId],
    );
    expect(status).toBe('accepted');
    // Another programme is not affected.
    const other = await judge([{ nik, kelurahanCode: '33.74.02.1001' }], { kec: '33.74.02' });
    expect(other.results[0].outcome).toBe('accepted');
  });

  it('ALREADY_IN_SK: a person fixed in this programme’s signed SK', async () => {
    const nik = semarangNik('33.74.01');
    const first = await judge([{ nik, kelurahanCode: kel }]);
    await signSk(first.programId, first.workflowId, '33.74.01');
    const later = await judge([{ nik, kelurahanCode: '33.74.03.1001' }], {
      programId: first.programId,
      kec: '33.74.03',
    });
    expect(later.results).toEqual([
      expect.objectContaining({
        reasons: ['ALREADY_IN_SK'],
        detail: { ALREADY_IN_SK: expect.objectContaining({ kecamatanCode: '33.74.01' }) },
      }),
    ]);
  });

  it('DUPLICATE_KK: one parcel per family; the first proposed who passes every other rule keeps it', async () => {
    const [family, alone, twiceProposed] = [kkNumber(KEC), kkNumber(KEC), kkNumber(KEC)];
    const repeated = semarangNik(KEC);
    const { results, run } = await judge(
      [
        // First in the file, but returned anyway: the family's parcel goes to the next one.
        { nik: `${semarangNik(KEC).slice(0, 12)}0000`, kelurahanCode: kel, noKk: family },
        { nik: semarangNik(KEC), kelurahanCode: kel, noKk: family },
        { nik: semarangNik(KEC), kelurahanCode: kel, noKk: family },
        { nik: semarangNik(KEC), kelurahanCode: kel, noKk: alone },
        // The same person twice is one NIK, not a second family member.
        { nik: repeated, kelurahanCode: kel, noKk: twiceProposed },
        { nik: repeated, kelurahanCode: kel, noKk: twiceProposed },
      ],
      // Those returned for the family do not take quota places: the quota is applied after.
      { quota: 3 },
    );
    const here = { DUPLICATE_KK: { kecamatanCode: KEC, kecamatanName: 'Semarang Tengah' } };
    expect(results.map((r) => [r.outcome, r.reasons, r.detail])).toEqual([
      ['rejected', ['NIK_INVALID', 'DUPLICATE_KK'], here],
      ['accepted', [], {}],
      ['rejected', ['DUPLICATE_KK'], here],
      ['accepted', [], {}],
      ['accepted', [], {}],
      ['rejected', ['DUPLICATE_IN_BATCH'], {}],
    ]);
    expect(run).toMatchObject({
      accepted: 3,
      rejectedByReason: { DUPLICATE_KK: 2, NIK_INVALID: 1, DUPLICATE_IN_BATCH: 1 },
    });
  });

  it('DUPLICATE_KK across kecamatan: the family member accepted first keeps the parcel, in this programme only', async () => {
    const family = kkNumber(KEC);
    const first = await judge([{ nik: semarangNik(KEC), kelurahanCode: kel, noKk: family }]);
    const second = await judge(
      [{ nik: semarangNik('33.74.02'), kelurahanCode: '33.74.02.1001', noKk: family }],
      { programId: first.programId, kec: '33.74.02' },
    );
    expect(second.results.map((r) => [r.outcome, r.reasons, r.detail])).toEqual([
      [
        'rejected',
        ['DUPLICATE_KK'],
        { DUPLICATE_KK: { kecamatanCode: KEC, kecamatanName: 'Semarang Tengah' } },
      ],
    ]);
    expect(first.results[0].outcome).toBe('accepted');
    const other = await judge(
      [{ nik: semarangNik('33.74.02'), kelurahanCode: '33.74.02.1001', noKk: family }],
      { kec: '33.74.02' },
    );
    expect(other.results[0].outcome).toBe('accepted');
  });

  it('DUPLICATE_KK: a family fixed in the programme’s signed SK keeps its parcel, named with the SK', async () => {
    const family = kkNumber(KEC);
    const first = await judge([{ nik: semarangNik(KEC), kelurahanCode: kel, noKk: family }]);
    await signSk(first.programId, first.workflowId, KEC);
    const later = await judge(
      [{ nik: semarangNik('33.74.03'), kelurahanCode: '33.74.03.1001', noKk: family }],
      { programId: first.programId, kec: '33.74.03' },
    );
    expect(later.results.map((r) => [r.reasons, r.detail])).toEqual([
      [
        ['DUPLICATE_KK'],
        { DUPLICATE_KK: { kecamatanCode: KEC, kecamatanName: 'Semarang Tengah', skNo: 'SK-1' } },
      ],
    ]);
  });

  it('COVID_IMPACT_INVALID: a missing or unknown impact; allowed ones in any case, trimmed, comma-separated', async () => {
    const impacts: [string | null, boolean][] = [
      ['Kehilangan pekerjaan', true],
      ['  usaha TUTUP\t', true],
      ['Penghasilan turun, isolasi mandiri', true],
      [null, false],
      ['', false],
      ['   ', false],
      ['Terdampak Covid', false],
      ['Kehilangan pekerjaan; usaha tutup', false],
      ['Isolasi mandiri,', false],
      ['Usaha  tutup', false],
    ];
    const { results, batchId } = await judge(
      impacts.map(([covidImpact]) => ({ nik: semarangNik(KEC), kelurahanCode: kel, covidImpact })),
    );
    expect(results.map((r) => [r.outcome, r.reasons])).toEqual(
      impacts.map(([, ok]) => (ok ? ['accepted', []] : ['rejected', ['COVID_IMPACT_INVALID']])),
    );
    // Judged, never rewritten: the kecamatan's own words stay as they were stated.
    const stored: { covid_impact: string | null }[] = await dataSource.query(
      'SELECT covid_impact FROM proposed_recipient WHERE batch_id = $1 ORDER BY seq',
      [batchId],
    );
    expect(stored.map((r) => r.covid_impact)).toEqual(impacts.map(([value]) => value));
  });

  it('the SQL and the pure readCovidImpacts agree on generated impacts', async () => {
    const part = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(...COVID_IMPACTS.map((i) => i.id)),
          fc.func(fc.boolean()),
          fc.stringMatching(/^[ \t\u00a0\u2003]{0,2}$/),
          fc.stringMatching(/^[ \t\r\n]{0,2}$/),
        )
        .map(([value, upper, before, after]) => {
          const cased = [...value].map((c, i) => (upper(i) ? c.toUpperCase() : c)).join('');
          return `${before}${cased}${after}`;
        }),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('KEHİLANGAN PEKERJAAN', 'Usaha tutu\u212a', 'usaha\u00a0tutup'),
    );
    const impact = fc.oneof(
      fc.array(part, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(',')),
      fc.constant(null),
    );
    const sample = fc.sample(impact, { numRuns: 300, seed: 15 });
    const { results } = await judge(
      sample.map((covidImpact) => ({ nik: semarangNik(KEC), kelurahanCode: kel, covidImpact })),
    );
    expect(results.map((r) => r.reasons.includes('COVID_IMPACT_INVALID'))).toEqual(
      sample.map((value) => readCovidImpacts(value) === undefined),
    );
    // The sample holds both kinds, or it would prove nothing.
    expect(new Set(results.map((r) => r.outcome))).toEqual(new Set(['accepted', 'rejected']));
  });

  it('OVER_QUOTA: valid persons beyond the quota, by submission order, counting those accepted before', async () => {
    const persons = Array.from({ length: 5 }, () => ({
      nik: semarangNik('33.74.01'),
      kelurahanCode: kel,
    }));
    const first = await judge([{ nik: 'x', kelurahanCode: kel }, ...persons.slice(0, 3)], {
      quota: 4,
    });
    expect(first.results.map((r) => r.outcome)).toEqual([
      'rejected',
      'accepted',
      'accepted',
      'accepted',
    ]);
    const second = await judge(persons.slice(3), {
      programId: first.programId,
      quota: 4,
      round: 2,
    });
    expect(second.results.map((r) => [r.outcome, r.reasons])).toEqual([
      ['accepted', []],
      ['rejected', ['OVER_QUOTA']],
    ]);
    expect(second.results[1].detail).toEqual({ OVER_QUOTA: { quota: 4, acceptedBefore: 3 } });
    expect(second.run).toMatchObject({
      accepted: 1,
      rejected: 1,
      rejectedByReason: { OVER_QUOTA: 1 },
    });
  });

  it('a retried run gets the stored result back and judges no one twice', async () => {
    const first = await judge([{ nik: semarangNik('33.74.01'), kelurahanCode: kel }]);
    const again = await verval.run({
      workflowId: first.workflowId,
      programId: first.programId,
      batchId: first.batchId,
      round: 1,
      quota: 1000,
    });
    expect(again).toEqual(first.run);
  });

  it('the SQL and the pure checkPerson agree on generated numbers', async () => {
    const prefixes: { nik_prefix: string }[] = await dataSource.query(
      `SELECT nik_prefix FROM kecamatan_nasional WHERE nik_prefix LIKE '3374%' OR nik_prefix LIKE '3321%'`,
    );
    const known = new Set(
      (await dataSource.query(`SELECT nik_prefix FROM kecamatan_nasional`)).map(
        (r: { nik_prefix: string }) => r.nik_prefix,
      ),
    );
    const kelurahan: string[] = (
      await dataSource.query(
        `SELECT code FROM region WHERE code LIKE '33.74.01%' OR code LIKE '33.74.02%'`,
      )
    ).map((r: { code: string }) => r.code);
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    const number = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(...prefixes.map((p) => p.nik_prefix)),
          fc.integer({ min: 0, max: 75 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 3 }),
        )
        .map(([p, d, m, y, s]) => `${p}${pad(d)}${pad(m)}${pad(y)}${pad(s, 4)}`),
      digits(16),
      fc.string({ maxLength: 18 }),
    );
    const sample = fc.sample(
      fc.record({
        nik: number,
        noKk: fc.option(number, { nil: undefined }),
        kelurahanCode: fc.constantFrom(...kelurahan),
      }),
      { numRuns: 400, seed: 42 },
    );
    const unique = [...new Map(sample.map((p) => [p.nik, p])).values()];
    const { results } = await judge(unique);
    const lookups = {
      isKecamatan: (prefix: string) => known.has(prefix),
      kotaCode: '33.74',
      isKotaKelurahan: (code: string) => code.length === 13 && code.startsWith('33.74.'),
    };
    const structural = ['NIK_INVALID', 'KK_INVALID', 'NOT_RESIDENT'];
    expect(
      results.map((r) => ({
        nik: r.nik,
        reasons: r.reasons.filter((c) => structural.includes(c)),
        warnings: r.warnings,
      })),
    ).toEqual(
      unique.map((p) => {
        const expected = checkPerson(p, lookups);
        return { nik: p.nik, reasons: expected.rejections, warnings: expected.warnings };
      }),
    );
  });

  /** A signed SK listing the allocation's accepted persons, written as the SK module would. */
  async function signSk(programId: string, workflowId: string, kec: string): Promise<void> {
    await dataSource.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO sk_document (program_id, draft_id, drafted_by) VALUES ($1, 'DRAFT-1', 'tim-data') RETURNING id`,
        [programId],
      );
      await tx.query(
        `INSERT INTO sk_section (sk_id, kecamatan_code, workflow_id) VALUES ($1, $2, $3)`,
        [id, kec, workflowId],
      );
      await tx.query(
        `INSERT INTO sk_recipient (sk_id, recipient_id, kecamatan_code, kelurahan_code, nik)
         SELECT $1, r.id, b.kecamatan_code, r.kelurahan_code, r.nik
           FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
          WHERE b.workflow_id = $2 AND r.status = 'accepted'`,
        [id, workflowId],
      );
      await tx.query(
        `UPDATE sk_document SET status = 'signed', sk_no = 'SK-1', sk_date = '2021-07-20', signatory = 'walikota',
                content_sha256 = $2, recipient_count = 1, signed_at = now() WHERE id = $1`,
        [id, sha256(id)],
      );
    });
  }
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

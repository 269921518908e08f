import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../domain/errors';
import { kabupatenKotaOf } from '../domain/region';
import { SUBMISSION_STEP } from './proposal.repository';
import {
  COVID_IMPACT_BLANKS,
  COVID_IMPACT_KEYS,
  COVID_IMPACT_SEPARATOR,
} from '../domain/covid-impact';
import {
  VERVAL_REASONS,
  VERVAL_RULESET_VERSION,
  VERVAL_WARNINGS,
  type VervalOutcome,
  type VervalReason,
} from '../domain/verval';

export interface VervalRunResult {
  vervalRunId: string;
  underReview: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Partial<Record<VervalReason, number>>;
}

export interface ProposalCounts {
  proposed: number;
  resubmitted: number;
  withdrawn: number;
  rejected: number;
  accepted: number;
}

/** One exclusion register version a run read: enough to find the exact list again. */
export interface ExclusionVersionUsed {
  id: string;
  register: string;
  versionLabel: string;
  validOn: string;
  source: string;
  fileSha256: string;
}

/** "Why was this NIK accepted or rejected?" for one allocation, from stored data only. */
export interface VervalWhy {
  workflowId: string;
  programId: string;
  kecamatanCode: string;
  kecamatanName: string;
  recipientId: string;
  run: {
    id: string;
    ranAt: string;
    round: number;
    rulesetVersion: string;
    rulesetSha256: string | null;
    exclusionRegisters: ExclusionVersionUsed[];
  };
  outcome: VervalOutcome;
  reasons: string[];
  warnings: string[];
  detail: Record<string, unknown>;
  /** Overrides of this person requested up to the date asked about, oldest first. */
  overrides: {
    id: string;
    outcome: VervalOutcome;
    reason: string;
    requestedBy: string;
    requestedAt: string;
    status: string;
    decidedBy: string | null;
    decidedAt: string | null;
    decisionReason: string | null;
  }[];
}

/**
 * The verval rules as set-based SQL, mirroring libs/domain/nik.ts checkPerson for the
 * structural and residency rules; docs/verval.md describes every rule. The leading comment
 * names each statement in pg_stat_activity (their text is truncated there).
 *
 * First the persons under review ($1 workflow, $3 its submitted batch) with the facts about each that need no other
 * person: numbers, address and residency in the programme's kabupaten/kota ($4, e.g. 33.74,
 * the batch's kecamatan's), and the registers among this run's versions ($2) that hold the
 * NIK. It only reads, so PostgreSQL may spread it over several cores; it fills a temporary
 * table of this transaction whose statistics then plan the judgement for the real number
 * and spread of NIKs. The code tables (kecamatan codes, kelurahan, the valid dates of
 * birth or issue) are small: each IN is one hashed lookup.
 */
const REVIEW_SQL = `/* salur:verval-run */ CREATE TEMPORARY TABLE verval_review ON COMMIT DROP AS
WITH -- Every valid DDMMYY: the century is not written, so 29 February is valid whenever YY is
-- divisible by 4, as in 2000-2099. Women's NIKs carry the day + 40; a No. KK's issue date not.
days AS (SELECT d FROM generate_series(date '2000-01-01', date '2099-12-31', interval '1 day') d),
nik_dates AS (
  SELECT to_char(d, 'DDMMYY') AS ddmmyy FROM days
  UNION ALL SELECT (extract(day FROM d)::int + 40)::text || to_char(d, 'MMYY') FROM days
),
kk_dates AS (SELECT to_char(d, 'DDMMYY') AS ddmmyy FROM days),
-- Only the submitted batch ($3) and its corrections: a batch the kecamatan uploaded and
-- never submitted is not reviewed.
review AS NOT MATERIALIZED (
  SELECT r.id, r.nik, r.no_kk, r.kelurahan_code, r.seq, r.covid_impact
    FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id
   WHERE b.id = $3 AND b.workflow_id = $1 AND r.status IN ('proposed', 'resubmitted')
),
excluded AS (
  SELECT e.nik, array_agg(DISTINCT v.register ORDER BY v.register) AS registers
    FROM exclusion_entry e JOIN exclusion_register_version v ON v.id = e.version_id
   WHERE e.version_id = ANY($2::uuid[]) AND e.nik IN (SELECT nik FROM review)
   GROUP BY e.nik
)
SELECT rv.id, rv.nik, rv.no_kk, rv.seq,
       (rv.nik ~ '^[0-9]{16}$' AND left(rv.nik, 6) IN (SELECT nik_prefix FROM kecamatan_nasional)
         AND substr(rv.nik, 7, 6) IN (SELECT ddmmyy FROM nik_dates)
         AND right(rv.nik, 4) <> '0000') AS nik_ok,
       coalesce(rv.no_kk, '') = '' AS kk_missing,
       coalesce(rv.no_kk ~ '^[0-9]{16}$'
         AND left(rv.no_kk, 6) IN (SELECT nik_prefix FROM kecamatan_nasional)
         AND substr(rv.no_kk, 7, 6) IN (SELECT ddmmyy FROM kk_dates)
         AND right(rv.no_kk, 4) <> '0000', false) AS kk_ok,
       rv.kelurahan_code IN (SELECT code FROM region
                              WHERE level = 'kelurahan_desa' AND code LIKE $4 || '.%') AS address_ok,
       left(rv.nik, 4) = replace($4, '.', '') AS nik_in_kota,
       coalesce(left(rv.no_kk, 4) = replace($4, '.', ''), false) AS kk_in_kota,
       replace(left(rv.kelurahan_code, 8), '.', '') AS stated_prefix,
       rv.covid_impact,
       x.registers AS excluded_from
  FROM review rv LEFT JOIN excluded x ON x.nik = rv.nik`;

/**
 * Then the judgement ($1 workflow, $2 programme; $3-$5 the Covid-19 impacts allowed): the
 * rules that compare a person with others (the same NIK twice in this round, in a signed
 * SK, accepted elsewhere), each looked up by NIK in one hash join, the Covid-19 impact, and
 * the reasons, warnings and detail of everyone.
 */
const JUDGE_SQL = `/* salur:verval-run */ CREATE TEMPORARY TABLE verval_judgement ON COMMIT DROP AS
WITH -- Proposed more than once in this round: the first proposal (by seq) keeps the place.
repeated AS (
  SELECT nik, min(seq) AS first_seq FROM verval_review GROUP BY nik HAVING count(*) > 1
),
-- Fixed in a signed SK of this programme that is in force (not replaced by a signed
-- amending SK, which carries the full list).
fixed AS (
  SELECT DISTINCT ON (s.nik) s.nik, s.kecamatan_code, k.name AS kecamatan_name, d.sk_no
    FROM sk_recipient s
    JOIN sk_document d ON d.id = s.sk_id AND d.program_id = $2 AND d.status = 'signed'
    JOIN region k ON k.code = s.kecamatan_code
   WHERE NOT EXISTS (SELECT 1 FROM sk_document a WHERE a.amends_sk_id = d.id AND a.status = 'signed')
     AND s.nik IN (SELECT nik FROM verval_review)
   ORDER BY s.nik, d.signed_at DESC
),
-- The Covid-19 impact, judged once for each value stated (a handful), not once a person:
-- each comma-separated value ($5) trimmed of $3, ASCII lower case, one of the allowed ($4),
-- as libs/domain/covid-impact.ts readCovidImpacts reads it.
impact AS (
  SELECT v.covid_impact,
         coalesce((SELECT bool_and(translate(btrim(i, $3), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
                                             'abcdefghijklmnopqrstuvwxyz') = ANY($4::text[]))
                     FROM unnest(string_to_array(v.covid_impact, $5)) i), false) AS ok
    FROM (SELECT DISTINCT covid_impact FROM verval_review WHERE covid_impact IS NOT NULL) v
),
-- Accepted in this programme already: the earlier accepted one keeps the place.
elsewhere AS (
  SELECT DISTINCT ON (o.nik) o.nik, ob.workflow_id = $1 AS here, ob.kecamatan_code,
         k.name AS kecamatan_name
    FROM proposed_recipient o
    JOIN proposal_batch ob ON ob.id = o.batch_id AND ob.program_id = $2
    JOIN region k ON k.code = ob.kecamatan_code
   WHERE o.status = 'accepted' AND o.nik IN (SELECT nik FROM verval_review)
   ORDER BY o.nik, (ob.workflow_id = $1) DESC, o.seq
)
SELECT f.id, f.nik, f.seq, CASE WHEN f.kk_ok THEN f.no_kk END AS kk,
       -- Most persons pass every rule: their empty lists are constants, not built and stripped.
       CASE WHEN f.nik_ok AND (f.kk_missing OR f.kk_ok) AND f.address_ok
                 AND CASE WHEN f.kk_ok THEN f.kk_in_kota ELSE f.nik_in_kota END
                 AND c.ok
                 AND f.excluded_from IS NULL AND z.nik IS NULL AND w.nik IS NULL
                 AND NOT coalesce(f.seq > d.first_seq, false)
            THEN '{}'::text[]
       ELSE array_remove(ARRAY[
         CASE WHEN NOT f.nik_ok THEN 'NIK_INVALID' END,
         CASE WHEN NOT f.kk_missing AND NOT f.kk_ok THEN 'KK_INVALID' END,
         CASE WHEN NOT f.address_ok
                OR (f.nik_ok AND NOT CASE WHEN f.kk_ok THEN f.kk_in_kota ELSE f.nik_in_kota END)
              THEN 'NOT_RESIDENT' END,
         CASE WHEN c.ok IS NOT TRUE THEN 'COVID_IMPACT_INVALID' END,
         CASE WHEN f.excluded_from IS NOT NULL THEN 'EXCLUDED' END,
         CASE WHEN z.nik IS NOT NULL THEN 'ALREADY_IN_SK' END,
         CASE WHEN z.nik IS NULL AND NOT w.here THEN 'DUPLICATE_OTHER_KECAMATAN' END,
         CASE WHEN (z.nik IS NULL AND w.here) OR f.seq > d.first_seq THEN 'DUPLICATE_IN_BATCH' END
       ], NULL) END AS reasons,
       -- An address in the kota whose kecamatan both numbers carry warns of nothing.
       CASE WHEN NOT f.address_ok
              OR (left(f.nik, 6) = f.stated_prefix AND (NOT f.kk_ok OR left(f.no_kk, 6) = f.stated_prefix))
            THEN '{}'::text[]
       ELSE array_remove(ARRAY[
         CASE WHEN f.address_ok AND f.nik_ok AND NOT f.nik_in_kota AND f.kk_ok
               AND f.kk_in_kota THEN 'NIK_ISSUED_ELSEWHERE' END,
         CASE WHEN f.address_ok AND f.nik_ok AND f.nik_in_kota
               AND left(f.nik, 6) <> f.stated_prefix THEN 'NIK_KECAMATAN_MISMATCH' END,
         CASE WHEN f.address_ok AND f.kk_ok AND f.kk_in_kota
               AND left(f.no_kk, 6) <> f.stated_prefix THEN 'KK_KECAMATAN_MISMATCH' END
       ], NULL) END AS warnings,
       CASE WHEN f.excluded_from IS NULL AND z.nik IS NULL AND w.nik IS NULL THEN '{}'::jsonb
       ELSE jsonb_strip_nulls(jsonb_build_object(
         'EXCLUDED', CASE WHEN f.excluded_from IS NOT NULL
                          THEN jsonb_build_object('registers', to_jsonb(f.excluded_from)) END,
         'ALREADY_IN_SK', CASE WHEN z.nik IS NOT NULL THEN jsonb_build_object(
           'skNo', z.sk_no, 'kecamatanCode', z.kecamatan_code, 'kecamatanName', z.kecamatan_name) END,
         'DUPLICATE_OTHER_KECAMATAN', CASE WHEN z.nik IS NULL AND NOT w.here THEN jsonb_build_object(
           'kecamatanCode', w.kecamatan_code, 'kecamatanName', w.kecamatan_name) END
       )) END AS detail
  FROM verval_review f
  LEFT JOIN repeated d ON d.nik = f.nik
  LEFT JOIN elsewhere w ON w.nik = f.nik
  LEFT JOIN fixed z ON z.nik = f.nik
  LEFT JOIN impact c ON c.covid_impact = f.covid_impact`;

/**
 * One parcel per family ($1 workflow, $2 programme, $3 the batch under review): a person
 * whose valid No. KK is held by someone with another NIK is rejected DUPLICATE_KK. The
 * family's parcel stays with, in this order: a member fixed in a signed SK of the
 * programme in force; a member already accepted in the programme (any kecamatan, earlier
 * runs; this allocation's first, then by seq); else, in this round, the first proposed (by
 * seq) of those passing every other rule. The quota is applied after this. Only KKs that
 * occur twice in this round or are held already are looked at: most families are alone.
 */
const FAMILY_SQL = `/* salur:verval-run */ WITH
-- KKs in this round more than once, and the first (by seq) of theirs passing every other rule.
twice AS (
  SELECT kk, min(seq) FILTER (WHERE cardinality(reasons) = 0) AS first_seq
    FROM verval_judgement WHERE kk IS NOT NULL GROUP BY kk HAVING count(*) > 1
),
holders AS (
  SELECT p.no_kk AS kk, s.nik, s.kecamatan_code, d.sk_no, 0 AS rank, false AS here, p.seq
    FROM sk_recipient s
    JOIN sk_document d ON d.id = s.sk_id AND d.program_id = $2 AND d.status = 'signed'
    JOIN proposed_recipient p ON p.id = s.recipient_id
   WHERE NOT EXISTS (SELECT 1 FROM sk_document a WHERE a.amends_sk_id = d.id AND a.status = 'signed')
     AND p.no_kk IN (SELECT kk FROM verval_judgement)
  UNION ALL
  SELECT o.no_kk, o.nik, ob.kecamatan_code, NULL, 1, ob.workflow_id = $1, o.seq
    FROM proposed_recipient o JOIN proposal_batch ob ON ob.id = o.batch_id AND ob.program_id = $2
   WHERE o.status = 'accepted' AND o.no_kk IN (SELECT kk FROM verval_judgement)
  UNION ALL
  SELECT j.kk, j.nik, (SELECT kecamatan_code FROM proposal_batch WHERE id = $3), NULL, 2, true, j.seq
    FROM verval_judgement j JOIN twice t ON t.kk = j.kk AND t.first_seq = j.seq
),
keeper AS (
  SELECT DISTINCT ON (kk) h.kk, h.nik, h.kecamatan_code, k.name AS kecamatan_name, h.sk_no
    FROM holders h JOIN region k ON k.code = h.kecamatan_code
   ORDER BY h.kk, h.rank, h.here DESC, h.seq
)
UPDATE verval_judgement j
   SET reasons = j.reasons || 'DUPLICATE_KK'::text,
       detail = j.detail || jsonb_build_object('DUPLICATE_KK', jsonb_strip_nulls(jsonb_build_object(
         'kecamatanCode', h.kecamatan_code, 'kecamatanName', h.kecamatan_name, 'skNo', h.sk_no)))
  FROM keeper h
 WHERE h.kk = j.kk AND h.nik <> j.nik`;

/**
 * Over quota, by submission order ($1 places left): persons passing every rule beyond the
 * quota's remaining places. Most rounds fit their quota and change nothing here.
 */
const QUOTA_SQL = `/* salur:verval-run */ UPDATE verval_judgement j
   SET reasons = ARRAY['OVER_QUOTA'],
       detail = j.detail || jsonb_build_object('OVER_QUOTA',
                  jsonb_build_object('quota', $2::int, 'acceptedBefore', $3::int))
  FROM (SELECT id FROM verval_judgement WHERE cardinality(reasons) = 0
         ORDER BY seq OFFSET greatest($1::int, 0)) over
 WHERE j.id = over.id`;

/** Each judged person's result is kept for the run and written back to the person. */
const RECORD_SQL = `/* salur:verval-run */ INSERT INTO verval_result (verval_run_id, recipient_id, nik, outcome, reasons, warnings, detail)
SELECT $1, id, nik, CASE WHEN cardinality(reasons) = 0 THEN 'accepted' ELSE 'rejected' END,
       reasons, warnings, detail
  FROM verval_judgement`;

const WRITE_BACK_SQL = `/* salur:verval-run */ UPDATE proposed_recipient p
   SET status = CASE WHEN cardinality(j.reasons) = 0 THEN 'accepted' ELSE 'rejected' END,
       reasons = j.reasons, updated_at = now()
  FROM verval_judgement j WHERE p.id = j.id`;

/**
 * Settings of the verval transaction (SET LOCAL: they end with it). JIT compiling these wide
 * statements costs seconds and saves nothing at this size; the hash tables of a large round
 * fit in memory instead of spilling to disk. The benchmark's baselines run under them too.
 */
export const VERVAL_SETTINGS_SQL = "SET LOCAL jit = off; SET LOCAL work_mem = '128MB'";

/** The ruleset's full definition: the statement and the code tables it reports in. */
export const VERVAL_RULESET_DEFINITION = JSON.stringify({
  version: VERVAL_RULESET_VERSION,
  sql: [REVIEW_SQL, JUDGE_SQL, FAMILY_SQL, QUOTA_SQL, RECORD_SQL, WRITE_BACK_SQL],
  reasons: VERVAL_REASONS,
  warnings: VERVAL_WARNINGS,
  covidImpacts: {
    keys: COVID_IMPACT_KEYS,
    blanks: COVID_IMPACT_BLANKS,
    separator: COVID_IMPACT_SEPARATOR,
  },
});
export const VERVAL_RULESET_SHA256 = createHash('sha256')
  .update(VERVAL_RULESET_DEFINITION)
  .digest('hex');

/**
 * The kabupaten/kota whose residents the batch may propose: its kecamatan's, which the
 * programme's start checked lies in the programme's kota (Kota Semarang's before kota
 * were named).
 */
async function batchKabupatenKota(tx: EntityManager, batchId: string): Promise<string> {
  const rows: { kecamatanCode: string }[] = await tx.query(
    'SELECT kecamatan_code AS "kecamatanCode" FROM proposal_batch WHERE id = $1',
    [batchId],
  );
  if (rows.length === 0) {
    throw new DomainError('NOT_FOUND', `No proposal batch ${batchId}`);
  }
  return kabupatenKotaOf(rows[0].kecamatanCode);
}

/** Serialises verval and overrides within a programme (cross-kecamatan duplicates, quota). */
export async function lockProgrammeVerval(tx: EntityManager, programId: string): Promise<void> {
  // The database's own function (migration 1764450000000): deleting a judged person takes
  // the same lock, which is what keeps verval_result's references sound without row locks.
  await tx.query('SELECT verval_programme_lock($1)', [programId]);
}

/**
 * Verval runs as set-based SQL over the persons under review (new or resubmitted),
 * in one transaction. A run is keyed by (workflow, round): a retried activity gets
 * the stored result back instead of judging anyone twice.
 */
@Injectable()
export class VervalRepository {
  constructor(private readonly dataSource: DataSource) {}

  async run(input: {
    workflowId: string;
    programId: string;
    round: number;
    quota: number;
    /** The batch SUBMIT_PROPOSALS named (submittedBatch): the only one reviewed. */
    batchId: string;
    /**
     * What the allocation workflow expects (the persons under review, those accepted so
     * far): a run that would not satisfy it is refused before anything is written.
     */
    expected?: { underReview: number; accepted: number };
  }): Promise<VervalRunResult> {
    return this.dataSource.transaction(async (tx) => {
      // One verval at a time per programme: concurrent retries cannot interleave, and two
      // kecamatan cannot both accept the same person.
      await lockProgrammeVerval(tx, input.programId);
      const done = await this.storedRun(tx, input.workflowId, input.round);
      if (done) return done;

      await tx.query(
        `INSERT INTO verval_ruleset (sha256, version, definition) VALUES ($1, $2, $3)
         ON CONFLICT (sha256) DO NOTHING`,
        [VERVAL_RULESET_SHA256, VERVAL_RULESET_VERSION, VERVAL_RULESET_DEFINITION],
      );
      const versions: ExclusionVersionUsed[] = await tx.query(
        `SELECT id, register, version_label AS "versionLabel", to_char(valid_on, 'YYYY-MM-DD') AS "validOn",
                source, file_sha256 AS "fileSha256"
           FROM exclusion_register_version WHERE is_current ORDER BY register`,
      );
      // Fresh statistics: a batch loaded just now would otherwise look empty to the planner,
      // which then picks nested loops that take minutes instead of seconds.
      await tx.query('ANALYZE proposed_recipient, proposal_batch');
      await tx.query(VERVAL_SETTINGS_SQL);
      // The persons under review, with statistics of their own, so that each lookup below
      // is planned for their real number and spread of NIKs.
      const kotaCode = await batchKabupatenKota(tx, input.batchId);
      await tx.query(REVIEW_SQL, [
        input.workflowId,
        versions.map((v) => v.id),
        input.batchId,
        kotaCode,
      ]);
      await tx.query('ANALYZE verval_review');
      await tx.query(JUDGE_SQL, [
        input.workflowId,
        input.programId,
        COVID_IMPACT_BLANKS,
        COVID_IMPACT_KEYS,
        COVID_IMPACT_SEPARATOR,
      ]);
      await tx.query('ANALYZE verval_judgement');
      await tx.query(FAMILY_SQL, [input.workflowId, input.programId, input.batchId]);

      const [{ acceptedBefore }]: { acceptedBefore: number }[] = await tx.query(
        `SELECT count(*)::int AS "acceptedBefore"
           FROM proposed_recipient a JOIN proposal_batch ab ON ab.id = a.batch_id
          WHERE ab.workflow_id = $1 AND a.status = 'accepted'`,
        [input.workflowId],
      );
      const [{ passing }]: { passing: number }[] = await tx.query(
        'SELECT count(*)::int AS passing FROM verval_judgement WHERE cardinality(reasons) = 0',
      );
      const [{ judged }]: { judged: number }[] = await tx.query(
        'SELECT count(*)::int AS judged FROM verval_judgement',
      );
      const expected = input.expected;
      if (expected && judged !== expected.underReview) {
        // The workflow would refuse this result; the transaction rolls back, no run is left.
        throw new DomainError(
          'TRANSITION_REFUSED',
          `verval found ${judged} persons under review, but the allocation expects ` +
            `${expected.underReview}; nothing was recorded`,
          { underReview: expected.underReview, found: judged },
        );
      }
      // An approved override may have changed the accepted rows since the workflow last
      // counted: the quota holds for both counts, so the workflow can accept the result.
      const placesLeft = input.quota - Math.max(acceptedBefore, expected?.accepted ?? 0);
      if (passing > placesLeft) {
        await tx.query(QUOTA_SQL, [placesLeft, input.quota, input.quota - placesLeft]);
      }
      const counts: { outcome: string; reason: string | null; n: number }[] = await tx.query(
        `SELECT CASE WHEN cardinality(reasons) = 0 THEN 'accepted' ELSE 'rejected' END AS outcome,
                reason, count(*)::int AS n
           FROM verval_judgement LEFT JOIN LATERAL unnest(reasons) AS reason ON true
          GROUP BY 1, 2`,
      );
      const totals = summarise(counts, judged);
      // Written once with its counts: a verval run is part of the append-only audit record.
      const runRows: { id: string }[] = await tx.query(
        `INSERT INTO verval_run (workflow_id, round, ruleset_version, ruleset_sha256, program_id, quota,
                                 exclusion_version_ids, exclusion_versions,
                                 under_review, accepted, rejected, rejected_by_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8::jsonb, $9, $10, $11, $12::jsonb) RETURNING id`,
        [
          input.workflowId,
          input.round,
          VERVAL_RULESET_VERSION,
          VERVAL_RULESET_SHA256,
          input.programId,
          input.quota,
          versions.map((v) => v.id),
          JSON.stringify(versions),
          totals.underReview,
          totals.accepted,
          totals.rejected,
          JSON.stringify(totals.rejectedByReason),
        ],
      );
      const result = { ...totals, vervalRunId: runRows[0].id };
      await tx.query(RECORD_SQL, [result.vervalRunId]);
      await tx.query(WRITE_BACK_SQL);
      return result;
    });
  }

  /**
   * Per allocation, the latest verval judgement of this NIK made on or before `date`
   * (a calendar day in Asia/Jakarta; today when omitted), with the rules and registers
   * that run used and the overrides requested by then. Only stored data is read: the
   * persons who have or had this NIK (proposed_recipient_nik_history), then their results
   * that judged it.
   */
  async why(nik: string, date?: string): Promise<VervalWhy[]> {
    const rows: (Omit<VervalWhy, 'run' | 'overrides'> & {
      runId: string;
      ranAt: string;
      round: number;
      rulesetVersion: string;
      rulesetSha256: string | null;
      exclusionRegisters: ExclusionVersionUsed[];
    })[] = await this.dataSource.query(
      `SELECT DISTINCT ON (run.workflow_id)
              run.workflow_id AS "workflowId", b.program_id AS "programId",
              b.kecamatan_code AS "kecamatanCode", k.name AS "kecamatanName",
              vr.recipient_id AS "recipientId", run.id AS "runId",
              to_char(run.ran_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "ranAt",
              run.round, run.ruleset_version AS "rulesetVersion", run.ruleset_sha256 AS "rulesetSha256",
              run.exclusion_versions AS "exclusionRegisters",
              vr.outcome, vr.reasons, vr.warnings, vr.detail
         FROM verval_result vr
         JOIN verval_run run ON run.id = vr.verval_run_id
         JOIN proposed_recipient r ON r.id = vr.recipient_id
         JOIN proposal_batch b ON b.id = r.batch_id
         JOIN region k ON k.code = b.kecamatan_code
        WHERE vr.recipient_id IN (
                SELECT id FROM proposed_recipient WHERE nik = $1
                UNION SELECT recipient_id FROM proposed_recipient_nik_history WHERE nik = $1)
          AND vr.nik = $1
          AND (run.ran_at AT TIME ZONE 'Asia/Jakarta')::date
              <= coalesce($2::date, (now() AT TIME ZONE 'Asia/Jakarta')::date)
        ORDER BY run.workflow_id, run.ran_at DESC, run.round DESC`,
      [nik, date ?? null],
    );
    if (rows.length === 0) return [];
    const overrides: (VervalWhy['overrides'][number] & { recipientId: string })[] =
      await this.dataSource.query(
        `SELECT id, recipient_id AS "recipientId", outcome, reason, requested_by AS "requestedBy",
                to_char(requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "requestedAt",
                CASE WHEN decided_at IS NOT NULL AND (decided_at AT TIME ZONE 'Asia/Jakarta')::date
                          > coalesce($2::date, (now() AT TIME ZONE 'Asia/Jakarta')::date)
                     THEN 'pending' ELSE status END AS status,
                decided_by AS "decidedBy",
                to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "decidedAt",
                decision_reason AS "decisionReason"
           FROM verval_override
          WHERE recipient_id = ANY($1::uuid[])
            AND (requested_at AT TIME ZONE 'Asia/Jakarta')::date
                <= coalesce($2::date, (now() AT TIME ZONE 'Asia/Jakarta')::date)
          ORDER BY requested_at`,
        [rows.map((r) => r.recipientId), date ?? null],
      );
    return rows.map(
      ({ runId, ranAt, round, rulesetVersion, rulesetSha256, exclusionRegisters, ...rest }) => ({
        ...rest,
        run: { id: runId, ranAt, round, rulesetVersion, rulesetSha256, exclusionRegisters },
        overrides: overrides
          .filter((o) => o.recipientId === rest.recipientId)
          .map(({ recipientId: _recipientId, ...o }) =>
            // A decision made after the day asked about was not known on that day.
            o.status === 'pending'
              ? { ...o, decidedBy: null, decidedAt: null, decisionReason: null }
              : o,
          ),
      }),
    );
  }

  /** The batch SUBMIT_PROPOSALS named for this allocation (its step record), if any. */
  async submittedBatch(workflowId: string): Promise<string | undefined> {
    const rows: { batchId: string }[] = await this.dataSource.query(
      `SELECT business_key AS "batchId" FROM sop_step_record WHERE workflow_id = $1 AND step = $2`,
      [workflowId, SUBMISSION_STEP],
    );
    return rows[0]?.batchId;
  }

  /** Counts of the allocation's proposed persons by status; no personal data leaves here. */
  async proposalCounts(workflowId: string): Promise<ProposalCounts> {
    const rows: { status: keyof ProposalCounts; n: number }[] = await this.dataSource.query(
      `SELECT r.status, count(*)::int AS n FROM proposed_recipient r
         JOIN proposal_batch b ON b.id = r.batch_id WHERE b.workflow_id = $1 GROUP BY r.status`,
      [workflowId],
    );
    const counts: ProposalCounts = {
      proposed: 0,
      resubmitted: 0,
      withdrawn: 0,
      rejected: 0,
      accepted: 0,
    };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /** Withdrawals since the last verval run that have not been counted yet. */
  async withdrawnSince(workflowId: string, round: number): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM proposed_recipient r
         JOIN proposal_batch b ON b.id = r.batch_id
         JOIN verval_result vr ON vr.recipient_id = r.id
         JOIN verval_run run ON run.id = vr.verval_run_id
        WHERE b.workflow_id = $1 AND run.round = $2 AND vr.outcome = 'rejected' AND r.status = 'withdrawn'`,
      [workflowId, round],
    );
    return rows[0].n;
  }

  private async storedRun(tx: EntityManager, workflowId: string, round: number) {
    const rows: {
      id: string;
      under_review: number;
      accepted: number;
      rejected: number;
      rejected_by_reason: VervalRunResult['rejectedByReason'];
    }[] = await tx.query(
      `SELECT id, under_review, accepted, rejected, rejected_by_reason FROM verval_run
        WHERE workflow_id = $1 AND round = $2`,
      [workflowId, round],
    );
    if (rows.length === 0) return undefined;
    const row = rows[0];
    return {
      vervalRunId: row.id,
      underReview: row.under_review,
      accepted: row.accepted,
      rejected: row.rejected,
      rejectedByReason: row.rejected_by_reason,
    };
  }
}

function summarise(
  counts: { outcome: string; reason: string | null; n: number }[],
  underReview: number,
): Omit<VervalRunResult, 'vervalRunId'> {
  const rejectedByReason: Partial<Record<VervalReason, number>> = {};
  let accepted = 0;
  for (const row of counts) {
    if (row.outcome === 'accepted') accepted += row.n;
    else if (row.reason) rejectedByReason[row.reason as VervalReason] = row.n;
  }
  return {
    underReview,
    accepted,
    rejected: underReview - accepted,
    rejectedByReason,
  };
}

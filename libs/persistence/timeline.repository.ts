import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, TimelineFacts, UserFact } from '../domain/timeline';
import { AREA_ROLES } from '../domain/auth';

/** PostgreSQL's half of a timeline: what the steps of these workflows recorded. */
@Injectable()
export class TimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records, documents, evidence, verval runs and refusals of these workflows; `programId`
   * adds the programme's own documents (no allocation's: the quota letter, the SK, the SPK).
   */
  async facts(
    workflowIds: readonly string[],
    programId?: string,
  ): Promise<Omit<TimelineFacts, 'history' | 'users'>> {
    const ids = [...workflowIds];
    const q = <T>(sql: string, params: unknown[] = [ids]): Promise<T[]> =>
      this.dataSource.query(sql, params);
    const [records, documents, evidence, vervalRuns, refusals] = await Promise.all([
      q<TimelineFacts['records'][number]>(
        `SELECT id, workflow_id AS "workflowId", step AS kind, recorded_at AS "recordedAt", data
           FROM sop_step_record WHERE workflow_id = ANY($1) ORDER BY recorded_at, id`,
      ),
      q<TimelineFacts['documents'][number]>(
        `SELECT id, workflow_id AS "workflowId", kind, rendition, number, version, sha256,
                sop_step AS "sopStep", step_record_id AS "stepRecordId",
                generated_by AS "generatedBy", generated_at AS "generatedAt"
           FROM generated_document
          WHERE workflow_id = ANY($1) OR (workflow_id IS NULL AND program_id = $2)
          ORDER BY generated_at, id`,
        [ids, programId ?? null],
      ),
      q<TimelineFacts['evidence'][number]>(
        `SELECT id, workflow_id AS "workflowId", kind, sha256, uploaded_by AS "uploadedBy", role,
                uploaded_at AS "uploadedAt"
           FROM evidence WHERE workflow_id = ANY($1) ORDER BY uploaded_at, id`,
      ),
      q<TimelineFacts['vervalRuns'][number]>(
        `SELECT workflow_id AS "workflowId", round, ruleset_version AS "rulesetVersion",
                under_review AS "underReview", accepted, rejected, ran_at AS "ranAt"
           FROM verval_run WHERE workflow_id = ANY($1) ORDER BY ran_at`,
      ),
      q<TimelineFacts['refusals'][number]>(
        `SELECT id, workflow_id AS "workflowId", update_id AS "updateId", command, role,
                actor_id AS "actorId", code, message, step_no AS "stepNo", refused_at AS "refusedAt"
           FROM sop_command_refusal WHERE workflow_id = ANY($1) ORDER BY refused_at, id`,
      ),
    ]);
    return { records, documents, evidence, vervalRuns, refusals };
  }

  /** The users with these ids (unknown ids are left out: a test driver, the system). */
  usersById(ids: readonly string[]): Promise<UserFact[]> {
    return this.dataSource.query(
      `SELECT id::text AS id, username, role FROM app_user WHERE id::text = ANY($1) ORDER BY username`,
      [[...new Set(ids)]],
    );
  }

  /** Every active user of these roles. */
  usersOfRoles(roles: readonly string[]): Promise<UserFact[]> {
    return this.dataSource.query(
      `SELECT id::text AS id, username, role, kecamatan_code AS "kecamatanCode"
         FROM app_user WHERE active AND role = ANY($1) ORDER BY username`,
      [[...roles]],
    );
  }

  /**
   * The active users who may act in a kecamatan with one of these roles: that kecamatan's
   * operators (and its kelurahan operators), every city-wide user of the role.
   */
  async usersWhoMayAct(roles: readonly string[], kecamatanCode: string): Promise<Actor[]> {
    const users: UserFact[] = await this.dataSource.query(
      `SELECT id::text AS id, username, role FROM app_user
        WHERE active AND role = ANY($1)
          AND (NOT role = ANY($2) OR kecamatan_code = $3)
        ORDER BY role, username`,
      [[...roles], [...AREA_ROLES], kecamatanCode],
    );
    return users.map((u) => ({ userId: u.id, username: u.username, role: u.role }));
  }
}

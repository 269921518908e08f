import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  assertAmendmentId,
  decideAmendment,
  requestAmendment,
  type AmendmentDecisionInput,
  type AmendmentRequest,
} from './sk/sk-amendment';
import { draftSection, type DraftSectionInput, type SkSectionDrafted } from './sk/sk-draft';
import type { SkSigned } from './sk/sk-rows';
import {
  rejectForAllocation,
  signForAllocation,
  type RejectionInput,
  type SigningInput,
} from './sk/sk-signing';
import { verify, type SkVerification } from './sk/sk-verify';
import {
  getDocument,
  listForProgramme,
  type SkAmendmentView,
  type SkDocumentView,
  type SkSummary,
} from './sk/sk-views';

export type { SkStatus } from '../domain/sk-lifecycle';
export type { SkSectionDrafted } from './sk/sk-draft';
export type { SkSigned } from './sk/sk-rows';
export type { SkVerification } from './sk/sk-verify';
export type { SkAmendmentView, SkDocumentView, SkSectionView, SkSummary } from './sk/sk-views';

/**
 * Step 5: the Walikota's SK fixing the recipients, and its amendments.
 *
 * The programme sends DRAFT_SK, APPROVE_SK and REJECT_SK to every allocation, and each
 * allocation's activity calls this repository on its own, in any order, possibly retried:
 * - draft: each allocation adds its kecamatan's section (its accepted persons) to the
 *   programme's SK document for that draft id, once;
 * - decision: the first allocation to record it decides the whole document (the programme
 *   sends APPROVE_SK/REJECT_SK only when every allocation has drafted, so every section is
 *   in); the others find it decided the same way and get the same answer. Signing computes
 *   every section's hash and the document's hash over the full list, so the result does
 *   not depend on which allocation came first.
 * A signed SK never changes (triggers refuse it); changes are amending SKs, requested by
 * one person and approved by another.
 *
 * The lifecycle's rules are in libs/domain/sk-lifecycle.ts; each write here is one
 * transaction that locks, loads, asks the rule and writes (./sk/, one file a concern).
 */
@Injectable()
export class SkRepository {
  constructor(private readonly dataSource: DataSource) {}

  draftSection(input: DraftSectionInput): Promise<SkSectionDrafted> {
    return this.dataSource.transaction((tx) => draftSection(tx, input));
  }

  /** APPROVE_SK as recorded by one allocation: signs the whole SK once, answers the same after. */
  signForAllocation(input: SigningInput): Promise<SkSigned> {
    return this.dataSource.transaction((tx) => signForAllocation(tx, input));
  }

  /** REJECT_SK as recorded by one allocation: the draft is kept, marked rejected with the reason. */
  rejectForAllocation(input: RejectionInput): Promise<{ skId: string }> {
    return this.dataSource.transaction((tx) => rejectForAllocation(tx, input));
  }

  requestAmendment(input: AmendmentRequest): Promise<SkAmendmentView> {
    return this.dataSource.transaction((tx) => requestAmendment(tx, input));
  }

  async decideAmendment(
    input: AmendmentDecisionInput,
  ): Promise<{ amendment: SkAmendmentView; signed?: SkSigned }> {
    assertAmendmentId(input.amendmentId);
    return this.dataSource.transaction((tx) => decideAmendment(tx, input));
  }

  verify(skId: string): Promise<SkVerification> {
    return verify(this.dataSource.manager, skId);
  }

  /** Every SK of the programme, drafts and rejected ones included, oldest first. */
  listForProgramme(programId: string): Promise<SkSummary[]> {
    return listForProgramme(this.dataSource.manager, programId);
  }

  get(skId: string): Promise<SkDocumentView> {
    return getDocument(this.dataSource.manager, skId);
  }
}

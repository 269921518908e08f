import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StepRecordKind } from '../sop/step-records';

/**
 * Which vendor holds each allocation's signed SPK (allocation_vendor): the contract activity
 * writes it, the API reads it to keep a rekanan to its own contracts (docs/auth.md).
 */
@Injectable()
export class AllocationVendorRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Makes a 'contract' step record the allocation's contract. Idempotent, so a retried
   * activity changes nothing; a newer contract of the same allocation replaces an older one.
   */
  async recordContract(contractRecordId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO allocation_vendor (workflow_id, vendor_id, spk_no, contract_record_id, signed_at)
       SELECT workflow_id, data->>'vendorId', business_key, id, recorded_at
         FROM sop_step_record
        WHERE id = $1 AND step = $2 AND data->>'vendorId' IS NOT NULL
       ON CONFLICT (workflow_id) DO UPDATE
         SET vendor_id = EXCLUDED.vendor_id, spk_no = EXCLUDED.spk_no,
             contract_record_id = EXCLUDED.contract_record_id, signed_at = EXCLUDED.signed_at
         WHERE allocation_vendor.signed_at <= EXCLUDED.signed_at`,
      [contractRecordId, 'contract' satisfies StepRecordKind],
    );
  }

  /** The allocation ids whose signed SPK names this vendor, in id order. */
  async allocationsOf(vendorId: string): Promise<string[]> {
    const rows: { workflowId: string }[] = await this.dataSource.query(
      `SELECT workflow_id AS "workflowId" FROM allocation_vendor
        WHERE vendor_id = $1 ORDER BY workflow_id`,
      [vendorId],
    );
    return rows.map((row) => row.workflowId);
  }
}

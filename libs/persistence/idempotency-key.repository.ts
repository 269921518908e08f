import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The first use of each command's Idempotency-Key, per workflow (command_idempotency_key). */
@Injectable()
export class IdempotencyKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the key's first use, or finds it. True when the key is new or was first used
   * with this same fingerprint. Two statements on purpose: a concurrent first use makes the
   * insert wait for it, and the select (a fresh snapshot) then sees its row.
   */
  async claim(workflowId: string, key: string, fingerprint: string): Promise<boolean> {
    await this.dataSource.query(
      `INSERT INTO command_idempotency_key (workflow_id, key, fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (workflow_id, key) DO NOTHING`,
      [workflowId, key, fingerprint],
    );
    const rows: { fingerprint: string }[] = await this.dataSource.query(
      `SELECT fingerprint FROM command_idempotency_key WHERE workflow_id = $1 AND key = $2`,
      [workflowId, key],
    );
    return rows[0]?.fingerprint === fingerprint;
  }
}

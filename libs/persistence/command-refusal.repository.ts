import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RefusalFact } from '../domain/timeline';

export type CommandRefusalInput = Omit<RefusalFact, 'id' | 'refusedAt'>;

/** Refused SOP commands (sop_command_refusal), append-only: the workflow keeps none of them. */
@Injectable()
export class CommandRefusalRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(refusal: CommandRefusalInput): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sop_command_refusal (workflow_id, update_id, command, role, actor_id, code, message, step_no)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        refusal.workflowId,
        refusal.updateId,
        refusal.command,
        refusal.role,
        refusal.actorId,
        refusal.code,
        refusal.message.slice(0, 1000),
        refusal.stepNo,
      ],
    );
  }
}

import { Context } from '@temporalio/activity';
import { allocationWorkflowId } from '@salur/libs/domain/allocation';
import { programmeWorkflowId } from '@salur/libs/domain/programme';
import { allocationStatusQuery, programmeStatusQuery } from '@salur/libs/temporal/definitions';
import type { ProgrammeQuotas } from './quota-letter.activities';

/**
 * A programme's kecamatan and their quotas, as the programme and its allocations were
 * started with them: PostgreSQL holds no programme, Temporal does. Asked through the
 * worker's own client, from inside the running activity.
 */
export const quotasFromTemporal: ProgrammeQuotas = async (programId) => {
  const { client } = Context.current();
  const programme = await client.workflow
    .getHandle(programmeWorkflowId(programId))
    .query(programmeStatusQuery);
  return Promise.all(
    programme.allocations.map(async ({ kecamatanCode }) => {
      const allocation = await client.workflow
        .getHandle(allocationWorkflowId(programId, kecamatanCode))
        .query(allocationStatusQuery);
      return { kecamatanCode, quota: allocation.counts.quota };
    }),
  );
};

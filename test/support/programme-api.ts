import type { as } from './auth';
import { eventually } from './sop-driver';
import { testProgramId } from './test-app';
import { DOCUMENT_FACT_EXAMPLES } from '@salur/libs/sop/document-fact-examples';

type Agent = ReturnType<typeof as>;

/**
 * Through the API, as its users do it: dinsos_admin starts a programme with these
 * allocations, tim_data sends the quota letter once every allocation waits for it, and the
 * operator of `home` submits its request letter. Answers `home`'s allocation path, which
 * then waits for its proposals.
 */
export async function allocationAtProposalInput(
  callers: { admin: Agent; tim: Agent; operator: Agent },
  allocations: readonly { kecamatanCode: string; quota: number }[],
  home: string,
): Promise<string> {
  const { admin, tim, operator } = callers;
  const programId = testProgramId();
  await admin.post('/programmes').send({ programId, allocations }).expect(201);
  const programme = `/programmes/programme-${programId}`;
  await eventually(async () => {
    const res = await tim.get(programme).expect(200);
    expect(res.body.allocations).toHaveLength(allocations.length);
    for (const a of res.body.allocations) expect(a.allowed).toContain('SEND_QUOTA_LETTER');
  });
  await tim
    .post(`${programme}/commands/SEND_QUOTA_LETTER`)
    .send({ payload: { letterNo: `SE-${programId}` } })
    .expect(200);
  const allocation = `/allocations/allocation-${programId}-${home}`;
  await eventually(async () => {
    const res = await operator.get(allocation).expect(200);
    expect(res.body.step).toBe('request-letter');
  });
  await operator
    .post(`${allocation}/commands/SUBMIT_REQUEST_LETTER`)
    .send({
      payload: {
        letterNo: 'L-1',
        letterDate: '2021-07-12',
        acknowledgedByCamat: true,
        ...DOCUMENT_FACT_EXAMPLES.SUBMIT_REQUEST_LETTER,
      },
    })
    .expect(200);
  return allocation;
}

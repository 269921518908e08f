import { checkEvent, startSop } from '@salur/workflows/sop';
import { ALLOCATION_COMMANDS, PROGRAMME_COMMANDS } from '@salur/libs/temporal/names';
import { COMMAND_PAYLOAD_EXAMPLES, ERROR_EXAMPLES } from './openapi-examples';

describe('OpenAPI examples', () => {
  it('has an example payload for every SOP command, and for nothing else', () => {
    expect(Object.keys(COMMAND_PAYLOAD_EXAMPLES).sort()).toEqual(
      [...ALLOCATION_COMMANDS, ...PROGRAMME_COMMANDS].sort(),
    );
  });

  it('shows the 409 the SOP machine really gives for proposals at step 1', () => {
    const check = checkEvent(
      startSop({ kecamatanCode: '33.74.01', quota: 5600 }),
      { type: 'SUBMIT_PROPOSALS', batchId: 'batch-1', proposedCount: 5600 },
      'kecamatan_operator',
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(ERROR_EXAMPLES[409].example).toMatchObject({
      message: check.reason,
      refusal: check.code,
      stepNo: check.step.stepNo,
      step: check.step.step,
      allowed: check.allowed,
    });
  });
});

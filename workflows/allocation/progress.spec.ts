import { KECAMATAN } from '../sop/sop.fixtures';
import { currentDetails, progressOf } from './progress';
import { initialState } from './state';

const input = {
  programId: 'p1',
  kecamatanCode: KECAMATAN,
  quota: 120,
  timing: { stepSlaMs: 1000, deliveryGraceMs: 1000 },
};
const entered = Date.parse('2021-07-01T02:00:00Z');

describe('currentDetails', () => {
  it('shows the step, who must act, since when, and that it is on time', () => {
    expect(currentDetails(initialState(input, entered, 'command')).split('\n')).toEqual([
      '**Step 1/17: Dinsos sends the circular letter with the quota**',
      'phase: quota-letter',
      'who must act: programme',
      'since: 2021-07-01T02:00:00.000Z',
      'on time',
      'counts: quota 120, accepted 0, open rejections 0, delivered 0, distributed 0',
    ]);
  });

  it('says why a stuck allocation is stuck', () => {
    const state = {
      ...initialState(input, entered, 'command'),
      stuck: true,
      stuckReason: 'step 1 late',
    };
    expect(currentDetails(state)).toContain('\nSTUCK: step 1 late\n');
  });
});

describe('progressOf', () => {
  it('tells the programme the step, what is allowed and the last city-wide outcome', () => {
    const state = {
      ...initialState(input, entered, 'command'),
      lastCityWideId: 'cw-1',
      transitions: 3,
    };
    expect(progressOf(state, KECAMATAN)).toEqual({
      kecamatanCode: KECAMATAN,
      stepNo: 1,
      step: 'quota-letter',
      phase: 'quota-letter',
      done: false,
      stuck: false,
      allowed: ['SEND_QUOTA_LETTER'],
      transitions: 3,
      lastCityWideId: 'cw-1',
      lastCityWideError: undefined,
    });
  });
});

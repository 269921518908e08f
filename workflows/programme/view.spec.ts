import type { AllocationProgress } from '../allocation.types';
import type { ProgrammeView } from '../programme.types';
import { noteDocument, noteProgress, programmeStep, programmeView } from './view';

const input = {
  programId: 'p1',
  allocations: [
    { kecamatanCode: '33.74.01', quota: 5 },
    { kecamatanCode: '33.74.02', quota: 7 },
  ],
};

const report = (transitions: number, done = false): AllocationProgress => ({
  kecamatanCode: '33.74.01',
  stepNo: 17,
  step: 'collection',
  phase: 'collection',
  done,
  stuck: false,
  allowed: [],
  transitions,
});

describe('programmeView', () => {
  it('shows an allocation not heard from as starting, and counts the completed', () => {
    const progress = new Map([['33.74.01', report(40, true)]]);
    const view = programmeView(input, progress, { skNo: '463/312/2021' });
    expect(view.completed).toBe(1);
    expect(view.allocations[1]).toMatchObject({ kecamatanCode: '33.74.02', step: 'starting' });
    expect(view.documents).toEqual({ skNo: '463/312/2021' });
  });
});

describe('noteProgress', () => {
  it('keeps the newest report when signals arrive out of order', () => {
    const progress = new Map<string, AllocationProgress>();
    noteProgress(progress, report(5));
    noteProgress(progress, report(4));
    expect(progress.get('33.74.01')?.transitions).toBe(5);
    noteProgress(progress, report(5, true));
    expect(progress.get('33.74.01')?.done).toBe(true);
  });
});

describe('noteDocument', () => {
  it('notes the letter, SK and SPK numbers of accepted city-wide decisions', () => {
    const documents: ProgrammeView['documents'] = {};
    noteDocument(documents, { type: 'SEND_QUOTA_LETTER', letterNo: 'SE-1' });
    noteDocument(documents, { type: 'REJECT_SK', reason: 'totals differ' });
    noteDocument(documents, { type: 'APPROVE_SK', skNo: 'SK-1' });
    noteDocument(documents, { type: 'SIGN_SPK', spkNo: 'SPK-1', vendorId: 'v-1' });
    expect(documents).toEqual({ quotaLetterNo: 'SE-1', skNo: 'SK-1', spkNo: 'SPK-1' });
  });
});

describe('programmeStep', () => {
  const at = (kecamatanCode: string, stepNo: number, step: string, more = {}) => ({
    ...report(stepNo),
    kecamatanCode,
    stepNo,
    step,
    ...more,
  });
  const stepOf = (...reports: AllocationProgress[]) =>
    programmeStep(programmeView(input, new Map(reports.map((r) => [r.kecamatanCode, r])), {}));

  it('waits until every allocation has reported', () => {
    expect(stepOf(at('33.74.01', 3, 'proposals'))).toBeUndefined();
  });

  it('names the least advanced running allocation’s step, stuck when any allocation is', () => {
    expect(stepOf(at('33.74.01', 5, 'sk'), at('33.74.02', 3, 'proposals'))).toEqual({
      step: 'proposals',
      stepNo: 3,
      stuck: false,
    });
    expect(
      stepOf(at('33.74.01', 5, 'sk', { stuck: true }), at('33.74.02', 3, 'proposals')),
    ).toMatchObject({ step: 'proposals', stuck: true });
  });

  it('leaves out the completed, and names the last step once all are done', () => {
    expect(
      stepOf(at('33.74.01', 17, 'collection', { done: true }), at('33.74.02', 9, 'delivery')),
    ).toMatchObject({ step: 'delivery', stepNo: 9 });
    expect(
      stepOf(
        at('33.74.01', 17, 'collection', { done: true }),
        at('33.74.02', 16, 'monev', { done: true }),
      ),
    ).toMatchObject({ step: 'collection', stepNo: 17 });
  });
});

import type { ProgrammeView } from '@salur/libs/temporal/workflow-contracts';
import { scopeProgrammeView } from './programme-view-scope';

const progress = (kecamatanCode: string, done = false) => ({
  kecamatanCode,
  stepNo: 8,
  step: 'packing',
  phase: 'contract',
  done,
  stuck: false,
  allowed: [],
  transitions: 9,
});

const view: ProgrammeView = {
  programId: 'p1',
  allocations: [progress('33.74.01', true), progress('33.74.02')],
  completed: 1,
  documents: { quotaLetterNo: 'SE-1', skNo: '463/1', spkNo: 'SPK-1' },
};

describe('scopeProgrammeView', () => {
  it('shows the whole programme city-wide', () => {
    expect(scopeProgrammeView(view, { kind: 'city' })).toEqual(view);
  });

  it('keeps a kecamatan to its own allocation, with the city-wide documents', () => {
    expect(scopeProgrammeView(view, { kind: 'kecamatan', kecamatanCode: '33.74.02' })).toEqual({
      ...view,
      allocations: [view.allocations[1]],
      completed: 0,
    });
  });

  it('shows a rekanan the documents of the programme it holds a contract in', () => {
    const scoped = scopeProgrammeView(view, {
      kind: 'contracts',
      allocationIds: ['allocation-p1-33.74.01'],
    });
    expect(scoped.allocations.map((a) => a.kecamatanCode)).toEqual(['33.74.01']);
    expect(scoped.completed).toBe(1);
    expect(scoped.documents).toEqual(view.documents);
  });

  it('shows another vendor’s rekanan neither the SPK nor the SK number', () => {
    const scoped = scopeProgrammeView(view, {
      kind: 'contracts',
      allocationIds: ['allocation-p2-33.74.01'],
    });
    expect(scoped).toEqual({ ...view, allocations: [], completed: 0, documents: {} });
  });
});

import { codeNames, docTable } from '@salur/test/support/doc-tables';
import { labelReason, labelWarning, VERVAL_REASONS, VERVAL_WARNINGS } from './verval';

describe('verval reason and warning codes', () => {
  it.each([
    ['reasons', VERVAL_REASONS, '## Reasons'],
    ['warnings', VERVAL_WARNINGS, '| warning '],
  ] as const)('%s are the codes docs/verval.md lists', (_name, codes, heading) => {
    expect(docTable('verval.md', heading).map(([code]) => codeNames(code)[0])).toEqual(
      Object.keys(codes),
    );
  });

  it.each([
    ['reasons', VERVAL_REASONS, labelReason],
    ['warnings', VERVAL_WARNINGS, labelWarning],
  ] as const)('%s each have their own Indonesian and English label', (_name, codes, label) => {
    const labels = Object.keys(codes).map(label);
    for (const { code, id, en } of labels) {
      expect([code, id.length > 10, en.length > 10, id === en]).toEqual([code, true, true, false]);
    }
    expect(new Set(labels.map((l) => l.id)).size).toBe(labels.length);
    expect(new Set(labels.map((l) => l.en)).size).toBe(labels.length);
  });

  it('labels a stored code with its code, and a code from a later ruleset as itself', () => {
    expect(labelReason('NOT_RESIDENT')).toEqual({
      code: 'NOT_RESIDENT',
      id: 'Bukan warga Kota Semarang',
      en: 'Not a resident of Kota Semarang',
    });
    expect(labelWarning('NIK_ISSUED_ELSEWHERE')).toEqual({
      code: 'NIK_ISSUED_ELSEWHERE',
      ...VERVAL_WARNINGS.NIK_ISSUED_ELSEWHERE,
    });
    for (const label of [labelReason, labelWarning]) {
      expect(label('FUTURE_RULE')).toEqual({
        code: 'FUTURE_RULE',
        id: 'FUTURE_RULE',
        en: 'FUTURE_RULE',
      });
    }
  });
});

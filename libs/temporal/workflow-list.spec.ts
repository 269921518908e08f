import { CITY_WIDE } from '../domain/read-scope';
import { scopeTerms, visibilityQuery } from './workflow-list';

describe('visibility queries', () => {
  it('joins terms with AND, quoting text and not numbers or booleans', () => {
    expect(
      visibilityQuery([
        { attribute: 'WorkflowType', value: 'allocationWorkflow' },
        { attribute: 'ExecutionStatus', value: 'ContinuedAsNew', not: true },
        { attribute: 'SopStepNo', value: 11 },
        { attribute: 'Stuck', value: true },
      ]),
    ).toBe(
      "WorkflowType = 'allocationWorkflow' AND ExecutionStatus != 'ContinuedAsNew' AND SopStepNo = 11 AND Stuck = true",
    );
  });

  it('refuses a value that could end its quotes', () => {
    expect(() => visibilityQuery([{ attribute: 'ProgramId', value: "x' OR 'a' = 'a" }])).toThrow();
  });

  it('adds the kecamatan of an area scope, and nothing for city-wide readers', () => {
    expect(scopeTerms(CITY_WIDE)).toEqual([]);
    expect(scopeTerms({ kind: 'kecamatan', kecamatanCode: '33.74.01' })).toEqual([
      { attribute: 'Kecamatan', value: '33.74.01' },
    ]);
  });

  it('keeps a rekanan to the allocations of its contracts, and to nothing before any', () => {
    const terms = scopeTerms({
      kind: 'contracts',
      allocationIds: ['allocation-a-33.74.01', 'allocation-b-33.74.02'],
    });
    expect(terms).not.toBe('none');
    expect(visibilityQuery(terms === 'none' ? [] : terms)).toBe(
      "WorkflowId IN ('allocation-a-33.74.01', 'allocation-b-33.74.02')",
    );
    expect(scopeTerms({ kind: 'contracts', allocationIds: [] })).toBe('none');
    expect(() => visibilityQuery([{ attribute: 'WorkflowId', oneOf: ["a') OR ('1"] }])).toThrow();
  });
});

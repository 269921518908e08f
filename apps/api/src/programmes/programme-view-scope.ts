import { allocationWorkflowId } from '@salur/libs/domain';
import { scopeIncludesAllocation, type ReadScope } from '@salur/libs/domain/read-scope';
import type { ProgrammeView } from '@salur/libs/temporal/workflow-contracts';

/**
 * The part of a programme's view a caller may read: its own allocations, and for a rekanan
 * the programme's documents (quota letter, SK and SPK numbers) only when it holds a contract
 * in this programme. A programme signs one SPK (SIGN_SPK is city-wide, once), so a rekanan
 * with an allocation here holds that SPK; any other rekanan learns no SPK or SK number.
 */
export function scopeProgrammeView(view: ProgrammeView, scope: ReadScope): ProgrammeView {
  if (scope.kind === 'city') return view;
  const allocations = view.allocations.filter((a) =>
    scopeIncludesAllocation(scope, allocationWorkflowId(view.programId, a.kecamatanCode)),
  );
  const completed = allocations.filter((a) => a.done).length;
  switch (scope.kind) {
    case 'kecamatan':
      return { ...view, allocations, completed };
    case 'contracts':
      return {
        ...view,
        allocations,
        completed,
        documents: allocations.length > 0 ? view.documents : {},
      };
  }
}

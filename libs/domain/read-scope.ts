import { isAreaRole, kecamatanOfAllocationId, type AuthUser } from './auth';
import type { ListQuery } from './listing';

/**
 * Whose objects a caller may see: every kecamatan's, one kecamatan's, or (a rekanan) the
 * allocations of its vendor's signed SPKs. Every list query takes one (it is a required
 * argument of the database and Temporal list helpers) and it is only ever made from the
 * signed-in user, so no list can forget it.
 */
export type ReadScope =
  | { readonly kind: 'city' }
  | {
      readonly kind: 'kecamatan';
      readonly kecamatanCode: string;
      /**
       * A kelurahan operator's kelurahan: of the kecamatan's persons (proposals, SK lists)
       * it sees only its own; the allocation and its step records stay the kecamatan's.
       */
      readonly kelurahanCode?: string;
    }
  | { readonly kind: 'contracts'; readonly allocationIds: readonly string[] };

export const CITY_WIDE: ReadScope = { kind: 'city' };

/**
 * Area roles read their own kecamatan only (a kelurahan operator, of its persons, only its
 * kelurahan's); a rekanan the allocations whose signed SPK
 * names its vendor (`contracted`, which the guard reads from the database: a contract is
 * signed long after the token was issued); every other role reads city-wide.
 */
export function readScopeOf(user: AuthUser, contracted?: readonly string[]): ReadScope {
  if (user.role === 'rekanan') {
    // Only the guard makes a rekanan's scope, after loading its contracts.
    if (!contracted) throw new Error('a rekanan scope needs its contracted allocations');
    return { kind: 'contracts', allocationIds: contracted };
  }
  if (!isAreaRole(user.role)) return CITY_WIDE;
  // fromClaims() refuses an area role without its kecamatan, so this is a programming error.
  if (!user.kecamatanCode) throw new Error(`area role ${user.role} without a kecamatan`);
  if (user.role === 'kelurahan_operator') {
    if (!user.kelurahanCode) throw new Error('kelurahan_operator without a kelurahan');
    return {
      kind: 'kecamatan',
      kecamatanCode: user.kecamatanCode,
      kelurahanCode: user.kelurahanCode,
    };
  }
  return { kind: 'kecamatan', kecamatanCode: user.kecamatanCode };
}

/**
 * May a caller with this scope see this allocation? The list helpers apply the same rule
 * as a query condition. No default: a new kind of scope does not compile until handled.
 */
export function scopeIncludesAllocation(scope: ReadScope, allocationId: string): boolean {
  switch (scope.kind) {
    case 'city':
      return true;
    case 'kecamatan':
      return kecamatanOfAllocationId(allocationId) === scope.kecamatanCode;
    case 'contracts':
      return scope.allocationIds.includes(allocationId);
  }
}

/** A list request as the API hands it to a list query: paging, filters and whose objects. */
export type ScopedListQuery<Filters extends object> = ListQuery<Filters> & {
  readonly scope: ReadScope;
};

import { isAreaRole, type AuthUser } from './auth';
import type { ListQuery } from './listing';

/**
 * Whose objects a caller may see in a list: every kecamatan's, or one kecamatan's. Every
 * list query takes one (it is a required argument of the database and Temporal list
 * helpers) and it is only ever made from the signed-in user, so no list can forget it.
 */
export type ReadScope =
  { readonly kind: 'city' } | { readonly kind: 'kecamatan'; readonly kecamatanCode: string };

export const CITY_WIDE: ReadScope = { kind: 'city' };

/** Area roles read their own kecamatan only; every other role reads city-wide. */
export function readScopeOf(user: AuthUser): ReadScope {
  if (!isAreaRole(user.role)) return CITY_WIDE;
  // fromClaims() refuses an area role without its kecamatan, so this is a programming error.
  if (!user.kecamatanCode) throw new Error(`area role ${user.role} without a kecamatan`);
  return { kind: 'kecamatan', kecamatanCode: user.kecamatanCode };
}

/** A list request as the API hands it to a list query: paging, filters and whose objects. */
export type ScopedListQuery<Filters extends object> = ListQuery<Filters> & {
  readonly scope: ReadScope;
};

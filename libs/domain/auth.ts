import { ROLES, type Role } from '../sop/roles';
import { parseAllocationId } from './allocation';

/**
 * People who log in. The SOP roles except 'programme', which is the programme workflow
 * itself and never a person.
 */
export type UserRole = Exclude<Role, 'programme'>;

export const USER_ROLES: readonly UserRole[] = ROLES.filter(
  (role): role is UserRole => role !== 'programme',
);

/** Roles bound to one area: they see and change only their own kecamatan's objects. */
export const AREA_ROLES = ['kecamatan_operator', 'kelurahan_operator'] as const;

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}

export function isAreaRole(role: UserRole): boolean {
  return (AREA_ROLES as readonly string[]).includes(role);
}

/** The caller as the API knows it, from a verified token. */
export interface AuthUser {
  readonly id: string;
  readonly role: UserRole;
  readonly kecamatanCode?: string;
  readonly kelurahanCode?: string;
  readonly vendorId?: string;
}

/** What a bearer token carries: the user id as `sub` and the area, nothing personal. */
export interface TokenClaims {
  sub: string;
  role: UserRole;
  kec?: string;
  kel?: string;
  vendor?: string;
}

export function toClaims(user: AuthUser): TokenClaims {
  return {
    sub: user.id,
    role: user.role,
    ...(user.kecamatanCode ? { kec: user.kecamatanCode } : {}),
    ...(user.kelurahanCode ? { kel: user.kelurahanCode } : {}),
    ...(user.vendorId ? { vendor: user.vendorId } : {}),
  };
}

/**
 * The user a verified token stands for, or undefined when its claims are not a user's
 * (an area role without its area, a rekanan without its vendor, an unknown role): such a
 * token is refused like a bad one.
 */
export function fromClaims(claims: unknown): AuthUser | undefined {
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { sub, role, kec, kel, vendor } = claims as Record<string, unknown>;
  if (typeof sub !== 'string' || sub.length === 0 || !isUserRole(role)) return undefined;
  const optional = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const user: AuthUser = {
    id: sub,
    role,
    ...(optional(kec) ? { kecamatanCode: optional(kec) } : {}),
    ...(optional(kel) ? { kelurahanCode: optional(kel) } : {}),
    ...(optional(vendor) ? { vendorId: optional(vendor) } : {}),
  };
  if (isAreaRole(role) && !user.kecamatanCode) return undefined;
  if (role === 'rekanan' && !user.vendorId) return undefined;
  if (role === 'kelurahan_operator' && !user.kelurahanCode?.startsWith(`${user.kecamatanCode}.`))
    return undefined;
  return user;
}

/** The kecamatan an allocation id (allocation-<programId>-<kecamatanCode>) belongs to. */
export function kecamatanOfAllocationId(id: string): string | undefined {
  return parseAllocationId(id)?.kecamatanCode;
}

import { isAreaRole, isUserRole, USER_ROLES, type AuthUser, type UserRole } from './auth';
import { DomainError, ValidationFailed, type FieldProblem } from './errors';
import { booleanFilter, matching, oneOf, type ListSpec } from './listing';
import { isRecord, KECAMATAN_CODE, KELURAHAN_CODE } from '../shared';

/**
 * User management by the system_admin (issue 5): what a new user or a new password must
 * look like, checked before anything reaches the database, every problem named at once.
 */

/** Lower case only, so `Ana` and `ana` can never be two accounts; 3-100 like the column. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,99}$/;
export const MIN_PASSWORD_LENGTH = 12;
/** POST /auth/login refuses longer passwords, so a longer one could never be used. */
export const MAX_PASSWORD_LENGTH = 200;
/** Published in the README and docs/auth.md: anyone could log in with it on a real server. */
const PUBLISHED_PASSWORDS = ['salur-demo-2021'];
/** What SIGN_SPK accepts as a vendor id (workflows/sop/events.ts), so every vendor can log in. */
const VENDOR_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._/:-]{0,99}$/;

export interface NewUserRequest {
  readonly username: string;
  readonly password: string;
  readonly role: UserRole;
  readonly kecamatanCode?: string;
  readonly kelurahanCode?: string;
  readonly vendorId?: string;
}

const NEW_USER_FIELDS = [
  'username',
  'password',
  'role',
  'kecamatanCode',
  'kelurahanCode',
  'vendorId',
] as const;

/** The changes the user-management endpoints make, each kept in app_user_event. */
export const USER_EVENT_KINDS = ['created', 'deactivated', 'activated', 'password_reset'] as const;
export type UserEventKind = (typeof USER_EVENT_KINDS)[number];

/** Why a password may not be used; empty when it may. */
export function passwordProblems(password: unknown, username: string | undefined): FieldProblem[] {
  const problem = (reason: string): FieldProblem[] => [{ field: 'password', reason }];
  if (typeof password !== 'string') return problem('is required, as text');
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    return problem(`must be ${MIN_PASSWORD_LENGTH}-${MAX_PASSWORD_LENGTH} characters long`);
  }
  if (username !== undefined && password.toLowerCase() === username.toLowerCase()) {
    return problem('must not be the username');
  }
  if (PUBLISHED_PASSWORDS.includes(password)) {
    return problem('is the published demo password; choose another');
  }
  return [];
}

/**
 * The user a POST /users body asks for, or ValidationFailed naming every bad field. The
 * area fields go exactly with the area roles (and the vendor with the rekanan), as the
 * CHECK constraints of app_user demand; whether the codes exist is regionProblems().
 */
export function parseNewUser(body: unknown): NewUserRequest {
  const input = isRecord(body) ? body : {};
  const problems: FieldProblem[] = isRecord(body)
    ? unknownFields(input, NEW_USER_FIELDS)
    : [{ field: 'body', reason: 'must be a JSON object' }];

  const { username, role } = input;
  const usernameOk = typeof username === 'string' && USERNAME_PATTERN.test(username);
  if (!usernameOk) {
    problems.push({
      field: 'username',
      reason:
        '3-100 characters: lower-case letters, digits, ".", "_" or "-", starting with a letter or digit',
    });
  }
  problems.push(...passwordProblems(input.password, usernameOk ? username : undefined));
  if (!isUserRole(role)) {
    problems.push({ field: 'role', reason: `must be one of ${USER_ROLES.join(', ')}` });
  } else {
    problems.push(...areaProblems(role, input));
  }

  if (problems.length > 0) throw new ValidationFailed(problems);
  const text = (field: string) => input[field] as string | undefined;
  return {
    username: username as string,
    password: input.password as string,
    role: role as UserRole,
    ...(text('kecamatanCode') ? { kecamatanCode: text('kecamatanCode') } : {}),
    ...(text('kelurahanCode') ? { kelurahanCode: text('kelurahanCode') } : {}),
    ...(text('vendorId') ? { vendorId: text('vendorId') } : {}),
  };
}

/** Which of the area and vendor fields a role takes, and whether each given one is well formed. */
function areaProblems(role: UserRole, input: Record<string, unknown>): FieldProblem[] {
  const fields = [
    {
      field: 'kecamatanCode',
      wanted: isAreaRole(role),
      pattern: KECAMATAN_CODE,
      shape: 'a kecamatan code like 33.74.01',
      roles: 'kecamatan_operator and kelurahan_operator',
    },
    {
      field: 'kelurahanCode',
      wanted: role === 'kelurahan_operator',
      pattern: KELURAHAN_CODE,
      shape: 'a kelurahan code like 33.74.01.1001',
      roles: 'kelurahan_operator',
    },
    {
      field: 'vendorId',
      wanted: role === 'rekanan',
      pattern: VENDOR_ID_PATTERN,
      shape: 'the vendor id SIGN_SPK names: 1-100 letters, digits, space, . _ / : -',
      roles: 'rekanan',
    },
  ];
  const problems: FieldProblem[] = [];
  for (const { field, wanted, pattern, shape, roles } of fields) {
    const value = input[field];
    if (!wanted) {
      if (value !== undefined && value !== null) {
        problems.push({ field, reason: `is only for ${roles}, not for ${role}` });
      }
    } else if (typeof value !== 'string' || !pattern.test(value)) {
      problems.push({ field, reason: `is required for ${role}: ${shape}` });
    }
  }
  const { kecamatanCode, kelurahanCode } = input;
  if (
    problems.length === 0 &&
    typeof kelurahanCode === 'string' &&
    !kelurahanCode.startsWith(`${String(kecamatanCode)}.`)
  ) {
    problems.push({
      field: 'kelurahanCode',
      reason: `must be a kelurahan of kecamatan ${String(kecamatanCode)}`,
    });
  }
  return problems;
}

/** The region codes a new user names; all must exist (regionProblems). */
export function regionCodesOf(request: NewUserRequest): string[] {
  return [request.kecamatanCode, request.kelurahanCode].filter(
    (code): code is string => code !== undefined,
  );
}

/** A problem for each area code that is not in the region table (any kabupaten/kota of Indonesia). */
export function regionProblems(
  request: NewUserRequest,
  existing: ReadonlySet<string>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (request.kecamatanCode && !existing.has(request.kecamatanCode)) {
    problems.push({ field: 'kecamatanCode', reason: `no kecamatan ${request.kecamatanCode}` });
  }
  if (request.kelurahanCode && !existing.has(request.kelurahanCode)) {
    problems.push({ field: 'kelurahanCode', reason: `no kelurahan ${request.kelurahanCode}` });
  }
  return problems;
}

/** The new password of POST /users/:id/password, checked against that user's username. */
export function parsePasswordReset(body: unknown, username: string): string {
  const input = isRecord(body) ? body : {};
  const problems = isRecord(body)
    ? unknownFields(input, ['password'])
    : [{ field: 'body', reason: 'must be a JSON object' }];
  problems.push(...passwordProblems(input.password, username));
  if (problems.length > 0) throw new ValidationFailed(problems);
  return input.password as string;
}

/**
 * A system_admin may not lock itself out. Since only an active system_admin can deactivate
 * one, this also means the last active system_admin can never be deactivated.
 */
export function refuseSelfDeactivation(actor: AuthUser, userId: string): void {
  if (actor.id === userId) {
    throw new DomainError(
      'TRANSITION_REFUSED',
      'A system_admin may not deactivate itself; another system_admin must do it',
      { reason: 'SELF_DEACTIVATION' },
    );
  }
}

export interface UserFilters {
  role: UserRole;
  kecamatan: string;
  active: boolean;
}

export const USER_LIST: ListSpec<UserFilters> = {
  name: 'users',
  filters: {
    role: oneOf(USER_ROLES, 'only users of this role'),
    kecamatan: matching(
      KECAMATAN_CODE,
      'a kecamatan code like 33.74.01',
      'only operators of this kecamatan',
      '33.74.01',
    ),
    active: booleanFilter('only users who may (true) or may not (false) log in'),
  },
  // app_user (created_at, id): the order users were created in, and unique.
  cursor: ['timestamp', 'uuid'],
};

/** A field the endpoint does not know is refused, never ignored (`active: false` would be). */
function unknownFields(input: Record<string, unknown>, known: readonly string[]): FieldProblem[] {
  return Object.keys(input)
    .filter((field) => !known.includes(field))
    .map((field) => ({ field, reason: `is not a field here; use ${known.join(', ')}` }));
}

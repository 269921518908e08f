import { isAreaRole, type AuthUser, type UserRole } from '@salur/libs/domain/auth';
import { readScopeOf, scopeIncludesAllocation } from '@salur/libs/domain/read-scope';
import { COMMANDS, isCommandOf } from '@salur/libs/sop/commands';
import type { Role } from '@salur/libs/sop/roles';

export type AreaScope = 'allocation' | 'city' | 'list';
export type CommandTarget = 'allocation' | 'programme';

/** What the route declares (decorators) and what the request carries. */
export interface RouteAccess {
  readonly roles?: readonly UserRole[];
  readonly scope?: AreaScope;
  readonly command?: CommandTarget;
  /** A POST that changes nothing (@ReadsOnly): the auditor may call it like a GET. */
  readonly readsOnly?: boolean;
}

export interface RequestFacts {
  readonly method: string;
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  /**
   * A rekanan's contracts: the allocations whose signed SPK names its vendor, which the
   * guard loads from the database when needsContracts() says so. Absent means none.
   */
  readonly contractedAllocations?: readonly string[];
}

export type AccessDecision =
  | { readonly allow: true }
  | { readonly allow: false; readonly code: 'ROLE_NOT_ALLOWED'; readonly message: string }
  // Out of the caller's area or contracts: answered like an id that does not exist (docs/auth.md).
  | { readonly allow: false; readonly code: 'NOT_FOUND'; readonly message: string };

const READ_METHODS = new Set(['GET', 'HEAD']);

/** The roles that act on an SOP command, from the command table; undefined for no command. */
export function commandActors(
  target: CommandTarget,
  command: string | undefined,
): readonly Role[] | undefined {
  return isCommandOf(target, command) ? COMMANDS[command].roles : undefined;
}

/**
 * Roles that see part of the city only: area roles their kecamatan, the rekanan its own
 * contracts. A route must declare its scope (@AreaScope) before they may call it.
 */
function isScopedRole(role: UserRole): boolean {
  return isAreaRole(role) || role === 'rekanan';
}

/**
 * Whether the guard must load the caller's contracts before deciding: a rekanan on a route
 * that declares a scope (on any other route it is refused without them).
 */
export function needsContracts(user: AuthUser, route: RouteAccess): boolean {
  return user.role === 'rekanan' && route.scope !== undefined;
}

const refuse = (message: string): AccessDecision => ({
  allow: false,
  code: 'ROLE_NOT_ALLOWED',
  message,
});

/**
 * Every authorisation decision of the API, in one function: role, auditor, SOP actor, area
 * and a rekanan's contracts. The guard calls it for every route; controllers hold no checks
 * of their own. Pure: what it needs from the database comes in `request`.
 */
export function decideAccess(
  user: AuthUser,
  route: RouteAccess,
  request: RequestFacts,
): AccessDecision {
  const reading = READ_METHODS.has(request.method.toUpperCase()) || route.readsOnly === true;
  if (user.role === 'auditor') {
    return reading ? { allow: true } : refuse('The auditor reads everything and changes nothing');
  }
  if (route.command) {
    const command = request.params.command;
    const actors = commandActors(route.command, command);
    // An unknown command passes on to the service, which names the valid ones (400).
    if (actors && !(actors as readonly string[]).includes(user.role)) {
      return refuse(`role ${user.role} may not send ${command}; allowed: ${actors.join(', ')}`);
    }
  } else if (route.roles ? !route.roles.includes(user.role) : user.role === 'system_admin') {
    const allowed = route.roles ? route.roles.join(', ') : 'every role but system_admin';
    return refuse(`role ${user.role} may not call this endpoint; allowed: ${allowed}`);
  }
  if (!isScopedRole(user.role)) return { allow: true };

  switch (route.scope) {
    case undefined:
      return refuse(
        user.role === 'rekanan'
          ? 'a rekanan works on its own contracts and may not call this endpoint'
          : `role ${user.role} works in one kecamatan and may not call this endpoint`,
      );
    case 'city':
    case 'list': // its query runs with the caller's read scope (@ListQuery): its part only
      return { allow: true };
    case 'allocation': {
      const id = request.params.id ?? '';
      const scope = readScopeOf(user, request.contractedAllocations ?? []);
      if (!scopeIncludesAllocation(scope, id)) {
        return { allow: false, code: 'NOT_FOUND', message: `No workflow with id ${id}` };
      }
      return outsideKelurahan(user, request)
        ? refuse(`a kelurahan operator acts only for kelurahan ${user.kelurahanCode}`)
        : { allow: true };
    }
  }
}

/**
 * A kelurahan operator naming another kelurahan (of its own kecamatan): in the path
 * (`:kelurahanCode`, e.g. its receipts) or in an event's payload.
 */
function outsideKelurahan(user: AuthUser, request: RequestFacts): boolean {
  if (user.role !== 'kelurahan_operator') return false;
  const inPath = request.params.kelurahanCode;
  if (inPath !== undefined && inPath !== user.kelurahanCode) return true;
  const body = request.body;
  if (typeof body !== 'object' || body === null) return false;
  const payload = (body as { payload?: unknown }).payload;
  if (typeof payload !== 'object' || payload === null) return false;
  const code = (payload as { kelurahanCode?: unknown }).kelurahanCode;
  return typeof code === 'string' && code !== user.kelurahanCode;
}

import { SetMetadata } from '@nestjs/common';
import type { UserRole } from '@salur/libs/domain/auth';
import type { AreaScope as Scope, CommandTarget } from './access-policy';

export const ROLES = 'salur:roles';
export const AREA_SCOPE = 'salur:area-scope';
export const SOP_COMMAND = 'salur:sop-command';
export const READS_ONLY = 'salur:reads-only';

/**
 * Roles that may call a route (read and non-SOP endpoints). Without it every signed-in
 * role may, except system_admin. The auditor may call every GET and nothing else.
 */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

/**
 * How a route relates to the caller's area or contracts. Area roles (kecamatan and
 * kelurahan operators) and the rekanan are refused on every route that does not declare it:
 * - 'allocation': the `:id` param is an allocation id; only that kecamatan's operators, and
 *   the rekanan whose vendor's signed SPK names it, pass;
 * - 'city': data of no single kecamatan (reference data), or filtered by the service with
 *   the caller's read scope (@CurrentReadScope());
 * - 'list': a list endpoint (@ListEndpoint); its @ListQuery() carries the caller's read
 *   scope, which every list query applies, so area roles see their own kecamatan only and
 *   a rekanan its own contracts' allocations only.
 */
export const AreaScope = (scope: Scope) => SetMetadata(AREA_SCOPE, scope);

/**
 * A POST that changes nothing: its question needs a body (a NIK that must stay out of URLs
 * and access logs, payloads to decode). The auditor, who reads everything, may call it.
 */
export const ReadsOnly = () => SetMetadata(READS_ONLY, true);

/**
 * An SOP transition route (`:command` param): only the step's actor, per the SOP's rules,
 * passes. The workflow checks the role again; this makes the answer 403 at any step.
 */
export const SopCommand = (target: CommandTarget) => SetMetadata(SOP_COMMAND, target);

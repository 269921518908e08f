import {
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@salur/libs/domain/errors';
import type { AuthUser, UserRole } from '@salur/libs/domain/auth';
import { readScopeOf } from '@salur/libs/domain/read-scope';
import { AllocationVendorRepository } from '@salur/libs/persistence/allocation-vendor.repository';
import { AREA_SCOPE, READS_ONLY, ROLES, SOP_COMMAND } from './access.decorators';
import {
  decideAccess,
  needsContracts,
  type AreaScope,
  type CommandTarget,
  type RouteAccess,
} from './access-policy';
import type { AuthenticatedRequest } from './current-user.decorator';
import { IS_PUBLIC } from './public.decorator';
import { TokenService } from './token.service';

/**
 * The one gate of the API (registered as APP_GUARD): a valid bearer token on every route
 * not marked @Public(), then decideAccess() for role, auditor, SOP actor, area and a
 * rekanan's contracts; the request then carries the caller's read scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly allocationVendors: AllocationVendorRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException('Log in first: send Authorization: Bearer <accessToken>');
    }
    const user = await this.tokens.verify(token);
    if (!user) {
      throw new UnauthorizedException('The access token is invalid or expired; log in again');
    }
    request.user = user;

    const route: RouteAccess = {
      roles: this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets),
      scope: this.reflector.getAllAndOverride<AreaScope | undefined>(AREA_SCOPE, targets),
      command: this.reflector.getAllAndOverride<CommandTarget | undefined>(SOP_COMMAND, targets),
      readsOnly: this.reflector.getAllAndOverride<boolean | undefined>(READS_ONLY, targets),
    };
    const contractedAllocations = needsContracts(user, route)
      ? await this.contractsOf(user)
      : undefined;
    const decision = decideAccess(user, route, {
      method: request.method,
      params: request.params as Record<string, string | undefined>,
      body: request.body as unknown,
      contractedAllocations,
    });
    if (!decision.allow) throw new DomainError(decision.code, decision.message);
    request.readScope = readScopeOf(user, contractedAllocations ?? []);
    return true;
  }

  /** The allocations whose signed SPK names the rekanan's vendor, read on every request. */
  private contractsOf(user: AuthUser): Promise<string[]> {
    // fromClaims() refuses a rekanan without its vendor; none would mean no contracts.
    return user.vendorId
      ? this.allocationVendors.allocationsOf(user.vendorId)
      : Promise.resolve([]);
  }
}

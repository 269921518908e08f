import {
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../../../../libs/domain/errors';
import type { UserRole } from '../../../../libs/domain/auth';
import { AREA_SCOPE, ROLES, SOP_COMMAND } from './access.decorators';
import { decideAccess, type AreaScope, type CommandTarget } from './access-policy';
import type { AuthenticatedRequest } from './current-user.decorator';
import { IS_PUBLIC } from './public.decorator';
import { TokenService } from './token.service';

/**
 * The one gate of the API (registered as APP_GUARD): a valid bearer token on every route
 * not marked @Public(), then decideAccess() for role, auditor, SOP actor and area.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
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

    const decision = decideAccess(
      user,
      {
        roles: this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets),
        scope: this.reflector.getAllAndOverride<AreaScope | undefined>(AREA_SCOPE, targets),
        command: this.reflector.getAllAndOverride<CommandTarget | undefined>(SOP_COMMAND, targets),
      },
      {
        method: request.method,
        params: request.params as Record<string, string | undefined>,
        body: request.body as unknown,
      },
    );
    if (!decision.allow) throw new DomainError(decision.code, decision.message);
    return true;
  }
}

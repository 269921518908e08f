import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthUser } from '@salur/libs/domain/auth';
import type { ReadScope } from '@salur/libs/domain/read-scope';

/** What the AuthGuard puts on a request it lets through: the caller and whose objects it sees. */
export type AuthenticatedRequest = Request & { user?: AuthUser; readScope?: ReadScope };

/** The caller the AuthGuard verified; routes without @Public() always have one. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser => {
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user) throw new Error('CurrentUser used on a route without authentication');
    return user;
  },
);

/** The caller's read scope, made by the AuthGuard (a rekanan's needs its contracts). */
export const CurrentReadScope = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ReadScope => readScopeOfRequest(context),
);

export function readScopeOfRequest(context: ExecutionContext): ReadScope {
  const scope = context.switchToHttp().getRequest<AuthenticatedRequest>().readScope;
  if (!scope) throw new Error('read scope used on a route without authentication');
  return scope;
}

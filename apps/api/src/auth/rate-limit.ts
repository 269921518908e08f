import { createHash } from 'node:crypto';
import { HttpException, HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
} from '@nestjs/throttler';
import type { Response } from 'express';
import type { AppConfig, RateLimit } from '@salur/libs/config';
import { AllocationsController } from '../allocations/allocations.controller';
import { VerificationController } from '../documents/documents.controller';
import { EvidenceController } from '../evidence/evidence.controller';
import { ImportsController } from '../imports/imports.controller';
import { ReceiptsController } from '../receipts/receipts.controller';
import { AuthController } from './auth.controller';
import type { AuthenticatedRequest } from './current-user.decorator';

/**
 * The routes whose work is heavy (a file streamed into PostgreSQL, verval over a whole
 * batch, an upload to disk): their calls count against one budget per user. Named by
 * handler, not by path, so a renamed route still compiles into this table or fails to.
 */
const EXPENSIVE: readonly ((context: ExecutionContext) => boolean)[] = [
  handler(ImportsController, 'proposals'),
  handler(ImportsController, 'exclusion'),
  handler(AllocationsController, 'uploadProposals'),
  handler(EvidenceController, 'upload'),
  handler(ReceiptsController, 'record'),
  handler(ReceiptsController, 'upload'),
  (context) =>
    handler(AllocationsController, 'command')(context) &&
    requestOf(context).params.command === 'RUN_VERVAL',
];
const isLogin = handler(AuthController, 'login');
const isExpensive = (context: ExecutionContext) => EXPENSIVE.some((test) => test(context));
// Open to anyone without a token: by address, so nobody walks the code space or hashes files
// on the server at will.
const isVerification = (context: ExecutionContext) => context.getClass() === VerificationController;

function handler<T extends object>(
  controller: abstract new (...args: never[]) => T,
  name: keyof T,
) {
  return (context: ExecutionContext) =>
    context.getClass() === controller && context.getHandler().name === name;
}

function requestOf(context: ExecutionContext): AuthenticatedRequest {
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

/** The username a login names (lower case, as usernames are), or '' when there is none. */
function loginName(req: AuthenticatedRequest): string {
  const body = req.body as { username?: unknown } | undefined;
  return typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
}

const throttler = (
  name: string,
  { limit, windowMs }: RateLimit,
  skipIf: (context: ExecutionContext) => boolean,
  tracker: (req: AuthenticatedRequest) => string,
) => ({
  name,
  limit,
  ttl: windowMs,
  skipIf,
  getTracker: (req: Record<string, unknown>) => tracker(req as unknown as AuthenticatedRequest),
  // One budget per tracker across all the routes of this throttler, not one per route; hashed,
  // so a username of any length costs a fixed-size key.
  generateKey: (_context: ExecutionContext, key: string) =>
    createHash('sha256').update(`${name}\0${key}`).digest('base64url'),
});

/**
 * Logins per username and per address (guessing passwords for one user, or trying many
 * users from one machine), and heavy requests per user. Limits come from the config.
 */
export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  const { loginPerUser, loginPerAddress, expensivePerUser, verifyPerAddress } = config.rateLimits;
  const address = (req: AuthenticatedRequest) => req.ip ?? req.socket.remoteAddress ?? '';
  return {
    setHeaders: false,
    throttlers: [
      throttler(
        'login-user',
        loginPerUser,
        (c) => !isLogin(c),
        (req) => loginName(req),
      ),
      throttler('login-address', loginPerAddress, (c) => !isLogin(c), address),
      // Runs after the AuthGuard, so the caller is known; a request without one is refused there.
      throttler(
        'expensive',
        expensivePerUser,
        (c) => !isExpensive(c),
        (req) => req.user?.id ?? address(req),
      ),
      throttler('verify-address', verifyPerAddress, (c) => !isVerification(c), address),
    ],
  };
}

/**
 * @nestjs/throttler's guard answering in the project's error body: 429 TOO_MANY_REQUESTS
 * with `Retry-After` (seconds) and a message that says when to try again.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    const what = isLogin(context)
      ? 'login attempts'
      : isVerification(context)
        ? 'document verifications'
        : 'imports, verval runs or uploads';
    throw new HttpException(
      `Too many ${what}; try again in ${seconds} seconds`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Observable } from 'rxjs';
import type { AuthUser } from '@salur/libs/domain/auth';

/**
 * Once the auth guard knows the caller, every line written while serving the request (a
 * service's warning, the error filter's 500) names its user id and role beside the request id.
 */
@Injectable()
export class LogCallerInterceptor implements NestInterceptor {
  constructor(private readonly logger: PinoLogger) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { user, log } = context.switchToHttp().getRequest<{ user?: AuthUser; log?: unknown }>();
    // `log` is pino-http's: without it (an app built without configureHttp) there is no request logger.
    if (user && log) this.logger.assign({ userId: user.id, role: user.role });
    return next.handle();
  }
}

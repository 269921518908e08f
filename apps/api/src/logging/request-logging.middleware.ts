import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { JsonLogger, requestContext, userIdOf } from '../../../../libs/logging';
import { REQUEST_ID_HEADER, resolveRequestId } from './request-id';

/**
 * Gives each request an id (echoed in `x-request-id`), makes it the context of every
 * log line written while serving it, and logs one line when the answer is sent —
 * with the user id once the auth guard has set `request.user`.
 */
@Injectable()
export class RequestLoggingMiddleware implements NestMiddleware {
  constructor(private readonly logger: JsonLogger) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const requestId = resolveRequestId(request.headers[REQUEST_ID_HEADER]);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    const started = process.hrtime.bigint();
    let logged = false;
    const logOnce = (): void => {
      if (logged) return;
      logged = true;
      this.logger.request({
        requestId,
        userId: userIdOf(request as RequestWithUser),
        method: request.method,
        path: request.originalUrl,
        status: response.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      });
    };
    // 'close' alone covers a client that went away before the answer was complete.
    response.once('finish', logOnce);
    response.once('close', logOnce);
    requestContext.run({ requestId, request: request as RequestWithUser }, next);
  }
}

type RequestWithUser = Request & { user?: { id?: unknown } };

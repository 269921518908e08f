import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type DomainErrorCode } from '@salur/libs/domain/errors';
import { redactPii } from '@salur/libs/logging';
import { REQUEST_ID_HEADER } from '../logging/request-id';
import { UnreadableBody } from './configure-http';
import { unavailableService } from './unavailable-service';

const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  ALREADY_EXISTS: HttpStatus.CONFLICT,
  TRANSITION_REFUSED: HttpStatus.CONFLICT,
  ROLE_NOT_ALLOWED: HttpStatus.FORBIDDEN,
  SELF_APPROVAL_REFUSED: HttpStatus.FORBIDDEN,
  IDEMPOTENCY_KEY_REUSED: HttpStatus.UNPROCESSABLE_ENTITY,
};

const UNAVAILABLE_MESSAGE = {
  postgres: 'PostgreSQL is not reachable; try again shortly (GET /ready says what is down)',
  temporal: 'Temporal is not reachable; try again shortly (GET /ready says what is down)',
  worker:
    'No Salur worker is running to answer; try again shortly, or ask an admin to start the worker',
} as const;
const SERVICE_NAME = {
  postgres: 'PostgreSQL',
  temporal: 'Temporal',
  worker: 'The worker',
} as const;

/**
 * The one place that turns errors into HTTP answers. Internal messages and stack traces
 * never leak: a 500 says only that something failed and which request id to quote.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    // Its request line is pino-http's, which runs before the body parsers.
    if (error instanceof UnreadableBody) {
      response
        .status(error.status)
        .json({ code: HttpStatus[error.status] ?? 'HTTP_ERROR', message: error.reason });
      return;
    }
    // Messages may quote what the client sent (an id in the path): a NIK in it is masked.
    if (error instanceof DomainError) {
      response.status(STATUS_BY_CODE[error.code]).json(
        redactStrings({
          ...error.details,
          code: error.code,
          message: error.message,
        }),
      );
      return;
    }
    if (error instanceof HttpException && error.getStatus() < 500) {
      const status = error.getStatus();
      response
        .status(status)
        .json({ code: HttpStatus[status] ?? 'HTTP_ERROR', message: redactPii(error.message) });
      return;
    }
    const service = unavailableService(error);
    if (service) {
      this.logger.warn(`${SERVICE_NAME[service]} unreachable: ${describe(error)}`);
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        code: 'SERVICE_UNAVAILABLE',
        service,
        message: UNAVAILABLE_MESSAGE[service],
      });
      return;
    }
    const requestId = response.getHeader(REQUEST_ID_HEADER);
    // The stack as a field of the line (pino's logger takes no stack argument); NIKs in it are
    // masked by the logger like everywhere else.
    this.logger.error({
      message: describe(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      code: 'INTERNAL_ERROR',
      message:
        typeof requestId === 'string'
          ? `Unexpected error; it has been logged under request id ${requestId}`
          : 'Unexpected error; it has been logged',
      ...(typeof requestId === 'string' ? { requestId } : {}),
    });
  }
}

function redactStrings(value: unknown): unknown {
  if (typeof value === 'string') return redactPii(value);
  if (Array.isArray(value)) return value.map(redactStrings);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v)]));
  }
  return value;
}

/** For the log only: the logger masks any NIK in it. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type DomainErrorCode } from '../../../../libs/domain/errors';

const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  ALREADY_EXISTS: HttpStatus.CONFLICT,
  TRANSITION_REFUSED: HttpStatus.CONFLICT,
  ROLE_NOT_ALLOWED: HttpStatus.FORBIDDEN,
  SELF_APPROVAL_REFUSED: HttpStatus.FORBIDDEN,
};

/** The one place that turns errors into HTTP answers. Internal messages never leak. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof DomainError) {
      response.status(STATUS_BY_CODE[error.code]).json({
        ...error.details,
        code: error.code,
        message: error.message,
      });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      response
        .status(status)
        .json({ code: HttpStatus[status] ?? 'HTTP_ERROR', message: error.message });
      return;
    }
    if (isUnavailable(error)) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        code: 'SERVICE_UNAVAILABLE',
        message: 'A backing service (Temporal or PostgreSQL) is not reachable; try again shortly',
      });
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ code: 'INTERNAL_ERROR', message: 'Unexpected error; it has been logged' });
  }
}

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const text = `${error.name} ${error.message}`;
  return /ECONNREFUSED|UNAVAILABLE|TransportError|Failed to connect/i.test(text);
}

import { HttpStatus, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@salur/libs/config';
import { securityHeaders } from '../auth/security-headers';
import { CODEC_PATH, codecCors } from '../codec/codec-cors';
import { HTTP_LOGGER } from '../logging/http-logger';

/** Room for a JSON proposal list of a large kecamatan; bigger lists go as a file (imports). */
export const JSON_BODY_LIMIT = '5mb';

/**
 * The HTTP stack every way the API is run (main.ts and the tests' app): the request logger
 * first (so a body the parsers refuse still gets its id and its line), security headers,
 * body parsers with our limit, and their errors turned into an UnreadableBody the error
 * filter answers.
 * Call before init() or listen(): Nest then keeps these parsers instead of its defaults.
 */
export function configureHttp(app: INestApplication): void {
  const server = app as NestExpressApplication;
  server.use(app.get<RequestHandler>(HTTP_LOGGER));
  server.use(securityHeaders());
  server.use(CODEC_PATH, codecCors(app.get<AppConfig>(APP_CONFIG).codecAllowedOrigins));
  server.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  server.useBodyParser('urlencoded', { extended: true, limit: JSON_BODY_LIMIT });
  server.use(rejectUnreadableBody);
}

/**
 * A body the parsers refused: too large, not UTF-8, compressed with an unknown coding, or
 * not JSON. Carries only a reason written here: the parser's own message may quote the body.
 */
export class UnreadableBody extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'UnreadableBody';
  }
}

const REASONS: Record<string, { status: number; reason: string }> = {
  'entity.too.large': {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    reason: `The body is larger than the ${JSON_BODY_LIMIT.replace('mb', ' MB')} limit; send a long list of persons as a file (POST /allocations/{id}/proposals/import)`,
  },
  'parameters.too.many': {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    reason: 'The form has too many fields',
  },
  'charset.unsupported': {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    reason: 'The body must be UTF-8: send Content-Type: application/json; charset=utf-8',
  },
  'encoding.unsupported': {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    reason: 'Content-Encoding must be gzip, deflate, br or identity',
  },
  'entity.parse.failed': {
    status: HttpStatus.BAD_REQUEST,
    reason: 'The body is not valid JSON',
  },
};

/** Express error middleware: runs only when a body parser before it failed. */
function rejectUnreadableBody(
  error: unknown,
  _request: Request,
  _response: Response,
  next: NextFunction,
): void {
  next(isParserError(error) ? unreadable(error) : error);
}

interface ParserError {
  type: string;
  status: number;
}

/** body-parser's errors (http-errors) carry a `type` and a client (4xx) status. */
function isParserError(error: unknown): error is ParserError {
  const fields = error as Partial<ParserError> | null;
  return (
    typeof fields === 'object' &&
    fields !== null &&
    typeof fields.type === 'string' &&
    typeof fields.status === 'number' &&
    fields.status >= 400 &&
    fields.status < 500
  );
}

function unreadable(error: ParserError): UnreadableBody {
  const known = REASONS[error.type];
  return known
    ? new UnreadableBody(known.status, known.reason)
    : new UnreadableBody(error.status, 'The request body could not be read');
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger, type Options } from 'pino-http';
import type { AuthUser } from '@salur/libs/domain/auth';
import { EVERY_PATH } from '@salur/libs/logging';
import { REQUEST_ID_HEADER, resolveRequestId } from './request-id';

/** pino-http's middleware for the API; `configureHttp` puts it first, before the body parsers. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

type Request = IncomingMessage & {
  originalUrl?: string;
  route?: { path?: unknown };
  user?: Pick<AuthUser, 'id' | 'role'>;
};

/**
 * The one line each request ends with: its id, method, route pattern and path, status, duration,
 * and the caller's user id and role once the auth guard has set them. Never a body, a header
 * or the query string (filters may carry a NIK); a NIK in the path is masked like any other.
 */
export function requestLine(request: Request, response: ServerResponse, durationMs: number) {
  const route = request.route?.path;
  return {
    context: 'HTTP',
    method: request.method,
    route: typeof route === 'string' && route !== `/${EVERY_PATH}` ? route : undefined,
    path: (request.originalUrl ?? request.url ?? '').split('?')[0],
    status: response.statusCode,
    durationMs,
    userId: request.user?.id,
    role: request.user?.role,
  };
}

/** What pino-http hands the object builders; `responseTime` in ms. */
interface ResponseFields {
  readonly responseTime: number;
}

function message(request: Request, response: ServerResponse, durationMs: number): string {
  const { method, path, status } = requestLine(request, response, durationMs);
  return `${method} ${path} ${status} ${durationMs}ms`;
}

export function httpLoggerOptions(logger: Logger): Options<Request, ServerResponse> {
  return {
    logger,
    // The caller's safe x-request-id, or a fresh UUID; echoed so a client can quote it.
    genReqId: (request, response) => {
      const id = resolveRequestId(request.headers[REQUEST_ID_HEADER]);
      response.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    // Lines written while serving carry only the request id, not the whole request.
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    customSuccessObject: (request, response, fields: ResponseFields) =>
      requestLine(request, response, fields.responseTime),
    customErrorObject: (request, response, _error, fields: ResponseFields) =>
      requestLine(request, response, fields.responseTime),
    customSuccessMessage: (request, response, durationMs) => message(request, response, durationMs),
    // pino-http passes the duration as a fourth argument its types do not declare.
    customErrorMessage: (request, response, _error, durationMs?: number) =>
      message(request, response, durationMs ?? 0),
  };
}

export function createHttpLogger(logger: Logger): HttpLogger<Request, ServerResponse> {
  return pinoHttp(httpLoggerOptions(logger));
}

import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import { CannotExecuteNotConnectedError, ConnectionIsNotSetError } from 'typeorm';

/** gRPC status codes meaning "the server is not there (in time)", from @grpc/grpc-js's `status`. */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_FAILED_PRECONDITION = 9;
const GRPC_UNAVAILABLE = 14;
/** Temporal's answer to a query no worker picked up (FAILED_PRECONDITION). */
const NO_WORKER = /no poller seen|worker may be down/i;

export type UnavailableService = 'postgres' | 'temporal' | 'worker';

/** Socket errors that mean PostgreSQL cannot be reached. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

/** SQLSTATEs for a lost or refused connection: class 08, and shutdown / not accepting (57P01-57P03). */
const PG_UNAVAILABLE_STATE = /^(08\d{3}|57P0[1-3])$/;

const PG_UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/**
 * Which backing service an error says is unreachable, or undefined when it is some
 * other failure. Walks `cause`, TypeORM's `driverError` and AggregateError's `errors`.
 * `worker`: Temporal answers, but no Salur worker polls its task queue (a status read is
 * a query the worker answers).
 */
export function unavailableService(error: unknown): UnavailableService | undefined {
  const seen = new Set<unknown>();
  const visit = (current: unknown, fromTemporal: boolean): UnavailableService | undefined => {
    if (typeof current !== 'object' || current === null || seen.has(current)) return undefined;
    seen.add(current);
    const temporal = fromTemporal || current instanceof ServiceError || isGrpcServiceError(current);
    const fields = current as {
      code?: unknown;
      message?: unknown;
      details?: unknown;
      cause?: unknown;
      driverError?: unknown;
      errors?: unknown;
    };
    if (temporal) {
      if (fields.code === GRPC_UNAVAILABLE || fields.code === GRPC_DEADLINE_EXCEEDED) {
        return 'temporal';
      }
      if (typeof fields.message === 'string' && /Failed to connect/i.test(fields.message)) {
        return 'temporal';
      }
      if (
        fields.code === GRPC_FAILED_PRECONDITION &&
        typeof fields.details === 'string' &&
        NO_WORKER.test(fields.details)
      ) {
        return 'worker';
      }
    } else {
      if (
        current instanceof CannotExecuteNotConnectedError ||
        current instanceof ConnectionIsNotSetError
      ) {
        return 'postgres';
      }
      if (
        typeof fields.code === 'string' &&
        (NETWORK_CODES.has(fields.code) || PG_UNAVAILABLE_STATE.test(fields.code))
      ) {
        return 'postgres';
      }
      if (typeof fields.message === 'string' && PG_UNAVAILABLE_MESSAGE.test(fields.message)) {
        return 'postgres';
      }
    }
    const nested = [
      fields.cause,
      fields.driverError,
      ...(Array.isArray(fields.errors) ? (fields.errors as unknown[]) : []),
    ];
    for (const next of nested) {
      const found = visit(next, temporal);
      if (found) return found;
    }
    return undefined;
  };
  return visit(error, false);
}

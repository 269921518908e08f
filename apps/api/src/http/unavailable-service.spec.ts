import { ServiceError } from '@temporalio/client';
import { CannotExecuteNotConnectedError, QueryFailedError } from 'typeorm';
import { unavailableService } from './unavailable-service';

const withCode = (code: string | number, message = 'boom') =>
  Object.assign(new Error(message), { code });
const grpcError = (code: number) =>
  Object.assign(new Error(`${code} grpc`), { code, details: 'x', metadata: {} });

describe('unavailableService', () => {
  it.each([
    ['ECONNREFUSED from pg', withCode('ECONNREFUSED')],
    [
      '57P01 admin shutdown',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['08006 connection failure', withCode('08006')],
    [
      'a TypeORM query over a dead connection',
      new QueryFailedError('SELECT 1', [], withCode('08006')),
    ],
    ['a data source that never connected', new CannotExecuteNotConnectedError('default')],
    ['pg losing its socket', new Error('Connection terminated unexpectedly')],
    ['both addresses refused', new AggregateError([withCode('ECONNREFUSED')], 'connect')],
  ])('says postgres for %s', (_label, error) => {
    expect(unavailableService(error)).toBe('postgres');
  });

  it.each([
    [
      'a failed connect',
      new ServiceError('Failed to connect to Temporal server', { cause: new Error('x') }),
    ],
    ['gRPC UNAVAILABLE', grpcError(14)],
    [
      'gRPC DEADLINE_EXCEEDED',
      new ServiceError('Failed to start Workflow', { cause: grpcError(4) }),
    ],
  ])('says temporal for %s', (_label, error) => {
    expect(unavailableService(error)).toBe('temporal');
  });

  it('says worker when Temporal answers that no worker polls the task queue', () => {
    const noPoller = Object.assign(new Error('9 FAILED_PRECONDITION: no poller'), {
      code: 9,
      details: 'no poller seen for task queue recently, worker may be down',
      metadata: {},
    });
    expect(
      unavailableService(new ServiceError('Failed to query Workflow', { cause: noPoller })),
    ).toBe('worker');
    // Another failed precondition is no outage.
    const other = Object.assign(new Error('9 grpc'), { code: 9, details: 'x', metadata: {} });
    expect(
      unavailableService(new ServiceError('Failed to query Workflow', { cause: other })),
    ).toBeUndefined();
  });

  it.each([
    ['a plain bug', new TypeError('x is undefined')],
    ['a constraint violation', new QueryFailedError('INSERT', [], withCode('23505'))],
    ['gRPC NOT_FOUND', new ServiceError('no such workflow', { cause: grpcError(5) })],
    ['not an error', 'ECONNREFUSED'],
  ])('says nothing for %s', (_label, error) => {
    expect(unavailableService(error)).toBeUndefined();
  });
});

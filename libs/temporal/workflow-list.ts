import { isGrpcServiceError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
// The SDK's own decoder of a raw execution (what client.workflow.list() yields); list()
// hides the page token, which a cursor needs, so the page is fetched with the raw call.
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import { ValidationFailed } from '../domain/errors';
import type { WorkflowState } from '../domain/list-specs';
import { encodeCursor, type Page } from '../domain/listing';
import type { ReadScope, ScopedListQuery } from '../domain/read-scope';
import { KecamatanAttr } from './search-attributes';

/** One `Attribute = 'value'` (or `!=`) term of a visibility query, or `Attribute IN (...)`. */
export type VisibilityTerm =
  | {
      readonly attribute: string;
      readonly value: string | number | boolean;
      readonly not?: boolean;
    }
  | { readonly attribute: string; readonly oneOf: readonly string[] };

/** Temporal's ExecutionStatus names for the states the API filters on. */
export const EXECUTION_STATUS: Record<WorkflowState, string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  terminated: 'Terminated',
  canceled: 'Canceled',
  'timed-out': 'TimedOut',
};

/** The API's state of a listed execution (the SDK names statuses RUNNING, TIMED_OUT, ...). */
export function workflowStateOf(info: WorkflowExecutionInfo): WorkflowState | 'continued' {
  switch (info.status.name) {
    case 'RUNNING':
    case 'PAUSED':
    case 'UNSPECIFIED':
    case 'UNKNOWN':
      return 'running';
    case 'COMPLETED':
      return 'completed';
    case 'FAILED':
      return 'failed';
    case 'TERMINATED':
      return 'terminated';
    case 'CANCELLED':
      return 'canceled';
    case 'TIMED_OUT':
      return 'timed-out';
    case 'CONTINUED_AS_NEW':
      return 'continued';
  }
}

/**
 * A visibility query (`A = 'x' AND B != 1 AND C IN ('y', 'z')`). Values come from parsed
 * filters and stored ids; one holding a quote or backslash is refused rather than escaped,
 * so no value can change the query.
 */
export function visibilityQuery(terms: readonly VisibilityTerm[]): string {
  return terms
    .map((term) => {
      const literal = (value: string | number | boolean) => {
        if (typeof value !== 'string') return String(value);
        if (/['"\\]/.test(value)) {
          throw new Error(`visibility query value for ${term.attribute} holds a quote`);
        }
        return `'${value}'`;
      };
      if ('oneOf' in term) {
        if (term.oneOf.length === 0) throw new Error(`no values for ${term.attribute} IN (...)`);
        return `${term.attribute} IN (${term.oneOf.map(literal).join(', ')})`;
      }
      return `${term.attribute} ${term.not ? '!=' : '='} ${literal(term.value)}`;
    })
    .join(' AND ');
}

/**
 * The one term that keeps an area role to its kecamatan, and a rekanan to the allocations
 * of its contracts, in every workflow list; 'none' when the scope holds no workflow (a
 * rekanan before its first SPK). The Kecamatan attribute and the workflow id never change,
 * so visibility's lag cannot show another's allocation. No default: a new scope must be
 * handled.
 */
export function scopeTerms(scope: ReadScope): VisibilityTerm[] | 'none' {
  switch (scope.kind) {
    case 'city':
      return [];
    case 'kecamatan':
      return [{ attribute: KecamatanAttr.name, value: scope.kecamatanCode }];
    case 'contracts':
      return scope.allocationIds.length === 0
        ? 'none'
        : [{ attribute: 'WorkflowId', oneOf: scope.allocationIds }];
  }
}

/** gRPC's status code for a bad request, from @grpc/grpc-js's `status` (not a dependency of ours). */
const GRPC_INVALID_ARGUMENT = 3;
const grpcCode = (error: { code: unknown }): unknown => error.code;

/**
 * One page of workflow executions from Temporal visibility, the caller's scope always
 * added to the terms. The cursor carries Temporal's own page token.
 */
export async function listWorkflowPage(
  client: Client,
  query: ScopedListQuery<object>,
  terms: readonly VisibilityTerm[],
): Promise<Page<WorkflowExecutionInfo>> {
  const scoped = scopeTerms(query.scope);
  if (scoped === 'none') return { items: [], nextCursor: null };
  const { namespace, loadedDataConverter } = client.workflow.options;
  let response;
  try {
    response = await client.workflowService.listWorkflowExecutions({
      namespace,
      query: visibilityQuery([...terms, ...scoped]),
      pageSize: query.limit,
      nextPageToken: query.after ? Buffer.from(query.after[0], 'base64url') : undefined,
    });
  } catch (error) {
    // The query is ours and valid, so an invalid argument is the page token of the cursor.
    if (query.after && isGrpcServiceError(error) && grpcCode(error) === GRPC_INVALID_ARGUMENT) {
      throw new ValidationFailed([
        { field: 'cursor', reason: 'is not a cursor of this list (or it expired); start again' },
      ]);
    }
    throw error;
  }
  const items = await Promise.all(
    response.executions.map((raw) =>
      executionInfoFromRaw(raw, loadedDataConverter, raw, namespace),
    ),
  );
  const token = response.nextPageToken;
  return {
    items,
    nextCursor:
      token && token.length > 0
        ? encodeCursor(query.list, [Buffer.from(token).toString('base64url')])
        : null,
  };
}

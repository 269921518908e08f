import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  parseListQuery,
  type FilterDef,
  type ListSpec,
} from '@salur/libs/domain/listing';
import type { ScopedListQuery } from '@salur/libs/domain/read-scope';
import { readScopeOfRequest } from '../auth/current-user.decorator';

const LIST_SPEC = 'salur:list-spec';

/** What a nextCursor looks like in the examples (any value is opaque to clients). */
export const EXAMPLE_CURSOR = 'eyJsIjoiYWxsb2NhdGlvbnMiLCJwIjpbIkNpUXhNak0iXX0';

export interface ListDocs {
  readonly summary: string;
  /** One item as the list returns it, for the OpenAPI example. */
  readonly item: Record<string, unknown>;
}

/**
 * Marks a route as a list with this spec: `@ListQuery()` then parses its query, and the
 * OpenAPI document gets limit, cursor, every filter and an example page. One declaration
 * drives both, so the docs cannot drift from what the parser accepts.
 */
export function ListEndpoint<Filters extends object>(spec: ListSpec<Filters>, docs: ListDocs) {
  const filters = Object.entries(spec.filters as Record<string, FilterDef<unknown>>);
  return applyDecorators(
    SetMetadata(LIST_SPEC, spec),
    ApiOperation({ summary: docs.summary }),
    ApiQuery({
      name: 'limit',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
      description: `items per page (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})`,
    }),
    ApiQuery({
      name: 'cursor',
      required: false,
      type: String,
      description: 'the nextCursor of the previous page (opaque); none for the first page',
    }),
    ...filters.map(([name, filter]) =>
      ApiQuery({
        name,
        required: false,
        description: filter.description,
        example: filter.example,
        ...(filter.values ? { enum: [...filter.values] } : { type: String }),
      }),
    ),
    ApiOkResponse({
      description: 'one page, in a stable order; nextCursor is null on the last page',
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { type: 'object' } },
          nextCursor: { type: 'string', nullable: true },
        },
      },
      example: { items: [docs.item], nextCursor: EXAMPLE_CURSOR },
    }),
    ApiBadRequestResponse({
      description: 'VALIDATION_FAILED: each bad or unknown parameter and why',
      example: {
        code: 'VALIDATION_FAILED',
        message: `limit: must be a whole number from 1 to ${MAX_LIMIT}`,
        fields: [{ field: 'limit', reason: `must be a whole number from 1 to ${MAX_LIMIT}` }],
      },
    }),
  );
}

/**
 * The parsed list request of a @ListEndpoint route, with the caller's read scope. The scope
 * is the one the AuthGuard made from the verified user (and a rekanan's contracts), and
 * every list query requires one: this is where an area role's lists are narrowed to its
 * kecamatan and a rekanan's to its contracts, for every list at once.
 */
export const ListQuery = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ScopedListQuery<object> => {
    const spec = Reflect.getMetadata(LIST_SPEC, context.getHandler()) as
      ListSpec<object> | undefined;
    if (!spec) throw new Error('@ListQuery() is used on a route without @ListEndpoint()');
    const request = context.switchToHttp().getRequest<{ query: unknown }>();
    return {
      ...parseListQuery(spec, request.query as Record<string, unknown>),
      scope: readScopeOfRequest(context),
    };
  },
);

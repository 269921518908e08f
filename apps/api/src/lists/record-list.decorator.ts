import { applyDecorators, Get } from '@nestjs/common';
import type { RecordListKind } from '@salur/libs/domain/list-specs';
import type { ListSpec } from '@salur/libs/domain/listing';
import { RECORD_DOCS } from './list-examples';
import { ListEndpoint } from './list-endpoint.decorator';

/** GET `:id/<kind>`: one kind of step record under an allocation or a programme. */
export function RecordListEndpoint<Filters extends object>(
  kind: RecordListKind,
  spec: ListSpec<Filters>,
) {
  return applyDecorators(Get(`:id/${kind}`), ListEndpoint(spec, RECORD_DOCS[kind]));
}

import { NIK_SHORTEST_WITH_TAIL, NIK_VISIBLE_DIGITS } from '@salur/libs/domain/nik-mask';

/**
 * SQL for the only part of a NIK a list may select (see libs/domain/nik-mask.ts): the full
 * number never leaves PostgreSQL through a list; maskedNik() turns the tail into `************0001`.
 */
export function nikTailSql(column: string): string {
  return `CASE WHEN length(${column}) >= ${NIK_SHORTEST_WITH_TAIL} THEN right(${column}, ${NIK_VISIBLE_DIGITS}) END`;
}

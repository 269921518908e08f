import type { as } from './auth';

type Caller = ReturnType<typeof as>;

export interface Paged<Item> {
  /** Each page's items, in order. */
  readonly pages: Item[][];
  readonly items: Item[];
}

/**
 * Reads a list endpoint to its end, following nextCursor, and checks the contract on the
 * way: 200, `{ items, nextCursor }`, no page above the limit. Stops after maxPages.
 */
export async function readAllPages<Item = Record<string, unknown>>(
  caller: Caller,
  path: string,
  limit: number,
  maxPages = 50,
): Promise<Paged<Item>> {
  const pages: Item[][] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await caller.get(url);
    if (res.status !== 200) {
      throw new Error(`GET ${url}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    }
    const body = res.body as { items: Item[]; nextCursor: string | null };
    if (!Array.isArray(body.items) || body.items.length > limit || !('nextCursor' in body)) {
      throw new Error(`GET ${url}: not a page of at most ${limit}: ${JSON.stringify(body)}`);
    }
    pages.push(body.items);
    cursor = body.nextCursor;
  } while (cursor !== null && pages.length < maxPages);
  if (cursor !== null) throw new Error(`GET ${path}: more than ${maxPages} pages`);
  return { pages, items: pages.flat() };
}

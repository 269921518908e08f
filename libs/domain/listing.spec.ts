import { ValidationFailed } from './errors';
import {
  booleanFilter,
  decodeCursor,
  encodeCursor,
  matching,
  oneOf,
  parseListQuery,
  type CursorKind,
  type ListSpec,
} from './listing';

interface Filters {
  colour: 'red' | 'green';
  open: boolean;
  code: string;
}
const SPEC: ListSpec<Filters> = {
  name: 'things',
  filters: {
    colour: oneOf(['red', 'green'], 'only this colour'),
    open: booleanFilter('open or not'),
    code: matching(/^x-\d+$/, 'like x-1', 'only this code', 'x-1', (t) => t.slice(2)),
  },
  cursor: ['timestamp', 'uuid'],
};
const UUID = '0b7e5c36-2f0d-4c8e-9a55-3f1f0d2f6a11';
const POSITION = ['2021-07-20T03:15:00.123456Z', UUID];

const problemsOf = (query: Record<string, unknown>) => {
  try {
    parseListQuery(SPEC, query);
  } catch (error) {
    if (error instanceof ValidationFailed) return error.problems;
    throw error;
  }
  throw new Error('expected ValidationFailed');
};

describe('parseListQuery', () => {
  it('defaults to the first page of 50 with no filter', () => {
    expect(parseListQuery(SPEC, {})).toStrictEqual({ list: 'things', limit: 50, filters: {} });
    expect(parseListQuery(SPEC, { limit: '1' }).limit).toBe(1);
  });

  it('reads limit, cursor and filters into typed values', () => {
    const cursor = encodeCursor('things', POSITION);
    expect(
      parseListQuery(SPEC, { limit: '200', cursor, colour: 'red', open: 'false', code: 'x-7' }),
    ).toEqual({
      list: 'things',
      limit: 200,
      after: POSITION,
      filters: { colour: 'red', open: false, code: '7' },
    });
  });

  it.each(['0', '201', '-1', '1.5', 'ten', ''])('refuses limit=%p, naming the field', (limit) => {
    expect(problemsOf({ limit })).toEqual([
      { field: 'limit', reason: 'must be a whole number from 1 to 200' },
    ]);
  });

  it('names every bad filter with its reason, and unknown or repeated parameters', () => {
    expect(
      problemsOf({ colour: 'blue', open: 'yes', code: 'y', colur: 'red', limit: ['1', '2'] }),
    ).toEqual([
      {
        field: 'colur',
        reason: 'is not a parameter of this list; use limit, cursor, colour, open, code',
      },
      { field: 'limit', reason: 'must be given once, as plain text' },
      { field: 'colour', reason: 'must be one of red, green' },
      { field: 'open', reason: 'must be true or false' },
      { field: 'code', reason: 'must be like x-1' },
    ]);
  });

  it('refuses a cursor of another list, a tampered one and garbage', () => {
    const tampered = encodeCursor('things', ["2021-07-20'; DROP TABLE x; --", UUID]);
    for (const cursor of [encodeCursor('others', POSITION), tampered, 'not a cursor', '']) {
      expect(problemsOf({ cursor }).map((p) => p.field)).toEqual(['cursor']);
    }
  });
});

describe('cursors', () => {
  it('round-trip a position and stay URL-safe', () => {
    const cursor = encodeCursor('things', POSITION);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('things', ['timestamp', 'uuid'], cursor)).toEqual(POSITION);
  });

  it('check the number and the kind of every value', () => {
    const cursor = encodeCursor('things', POSITION);
    expect(decodeCursor('things', ['timestamp'], cursor)).toBeUndefined();
    expect(decodeCursor('things', ['uuid', 'timestamp'], cursor)).toBeUndefined();
    expect(decodeCursor('n', ['integer'], encodeCursor('n', ['12']))).toEqual(['12']);
    expect(decodeCursor('n', ['integer'], encodeCursor('n', ['1e3']))).toBeUndefined();
    const json = Buffer.from(JSON.stringify({ l: 'n', p: [12] })).toString('base64url');
    expect(decodeCursor('n', ['integer'], json)).toBeUndefined();
  });
});

describe('cursor positions', () => {
  const roundTrip = (kind: CursorKind, value: string) =>
    decodeCursor('n', [kind], encodeCursor('n', [value]));
  const accepted: [CursorKind, string[]][] = [
    ['integer', ['0', '9'.repeat(19)]],
    ['uuid', [UUID, UUID.toUpperCase()]],
    ['timestamp', ['2021-07-20T03:15:00Z', '2021-07-20T03:15:00.1Z', POSITION[0]]],
    ['code', ['33', '33.74.01', '33.74.01.1001']],
    ['token', ['a', 'Ab9+/_=-', 'x'.repeat(8192)]],
  ];
  const refused: [CursorKind, string[]][] = [
    ['integer', ['', '9'.repeat(20), '-1', '1.0', ' 1', '1 ']],
    ['uuid', [UUID.replace('0b7e', '0g7e'), UUID.slice(1), `${UUID}0`, `x${UUID}`]],
    [
      'timestamp',
      [
        '2021-07-20 03:15:00Z',
        '2021-07-20T03:15:00',
        '2021-07-20T03:15:00.Z',
        '2021-07-20T03:15:00.1234567Z',
        '21-07-20T03:15:00Z',
        'x2021-07-20T03:15:00Z',
      ],
    ],
    ['code', ['3', '33.74.01.10011', '33,74', "33.74'", 'x33.74']],
    ['token', ['', 'x'.repeat(8193), 'a b', "a'", 'a"']],
  ];

  it.each(accepted)('take every %s the lists write', (kind, values) => {
    for (const value of values) expect(roundTrip(kind, value)).toEqual([value]);
  });

  it.each(refused)('refuse a tampered %s before it reaches a query', (kind, values) => {
    for (const value of values) expect(roundTrip(kind, value)).toBeUndefined();
  });

  it('refuse a cursor that is too long, not base64url, or not a position', () => {
    const huge = encodeCursor('n', ['x'.repeat(8192), 'y'.repeat(8192)]);
    expect(huge.length).toBeGreaterThan(12_000);
    expect(decodeCursor('n', ['token', 'token'], huge)).toBeUndefined();
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of [
      `${encodeCursor('n', ['12'])}=`,
      Buffer.from('not json').toString('base64url'),
      json(null),
      json(12),
      json({ l: 'n', p: '1' }),
      json({ l: 'n', p: { length: 1, 0: '1' } }),
    ]) {
      expect(decodeCursor('n', ['integer'], cursor)).toBeUndefined();
    }
  });
});

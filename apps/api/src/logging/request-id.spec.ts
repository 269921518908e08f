import { resolveRequestId } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('resolveRequestId', () => {
  it.each(['abc-123', 'b7e3c1d2-0a4f-4c5e-9f3a-1b2c3d4e5f60', 'trace.42:span_7'])(
    'keeps the safe incoming id %s',
    (id) => {
      expect(resolveRequestId(id)).toBe(id);
    },
  );

  it('takes the first of repeated headers', () => {
    expect(resolveRequestId(['first', 'second'])).toBe('first');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['with spaces', 'a b'],
    ['with a newline (header or log injection)', 'abc\ninjected'],
    ['with markup', '<script>'],
    ['too long', 'x'.repeat(129)],
    ['carrying a NIK', 'req-3374014107850001'],
  ])('generates a fresh UUID when the incoming id is %s', (_label, id) => {
    expect(resolveRequestId(id)).toMatch(UUID);
  });

  it('generates a different id each time', () => {
    expect(resolveRequestId(undefined)).not.toBe(resolveRequestId(undefined));
  });
});

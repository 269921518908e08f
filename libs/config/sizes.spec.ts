import { formatByteSize, parseByteSize } from './sizes';

describe('byte sizes', () => {
  it.each([
    ['10MB', 10 * 1024 * 1024],
    ['512 kb', 512 * 1024],
    ['1GB', 1024 ** 3],
    ['2048', 2048],
    ['7b', 7],
  ])('reads %s', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'ten MB', '1.5MB', '-1', '10 TB'])('refuses "%s"', (text) => {
    expect(parseByteSize(text)).toBeUndefined();
  });

  it('writes a limit the way people read it', () => {
    expect(formatByteSize(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatByteSize(64 * 1024)).toBe('64 KB');
    expect(formatByteSize(1000)).toBe('1000 bytes');
  });
});

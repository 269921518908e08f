import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalSkContent, skContentSha256, type SkListedRecipient } from './sk-content';

const person = (
  recipientId: string,
  kelurahanCode: string,
  nik = '3374010101900001',
): SkListedRecipient => ({
  recipientId,
  kecamatanCode: kelurahanCode.slice(0, 8),
  kelurahanCode,
  nik,
});

describe('the SK content hash', () => {
  const a = person('0b6c3d1e-0000-4000-8000-000000000001', '33.74.01.1001');
  const b = person('0b6c3d1e-0000-4000-8000-000000000002', '33.74.01.1001');
  const c = person('0b6c3d1e-0000-4000-8000-000000000003', '33.74.02.1002');

  it('is the documented canonical form, sorted by kecamatan, kelurahan and id', () => {
    expect(canonicalSkContent([c, b, a])).toBe(
      [
        'salur-sk-recipients/v1',
        `["33.74.01","33.74.01.1001","${a.recipientId}","${a.nik}"]`,
        `["33.74.01","33.74.01.1001","${b.recipientId}","${b.nik}"]`,
        `["33.74.02","33.74.02.1002","${c.recipientId}","${c.nik}"]`,
      ].join('\n'),
    );
  });

  it('does not depend on the order the rows arrive in', () => {
    const sut = skContentSha256([a, b, c]);
    expect(skContentSha256([c, a, b])).toBe(sut);
    expect(sut).toBe(
      createHash('sha256')
        .update(canonicalSkContent([a, b, c]))
        .digest('hex'),
    );
  });

  it('changes when a person is added, removed or their NIK is changed', () => {
    const sut = skContentSha256([a, b]);
    expect(skContentSha256([a, b, c])).not.toBe(sut);
    expect(skContentSha256([a])).not.toBe(sut);
    expect(skContentSha256([a, { ...b, nik: '3374010101900002' }])).not.toBe(sut);
  });

  it('hashes an empty list to a fixed value', () => {
    expect(skContentSha256([])).toBe(
      createHash('sha256').update('salur-sk-recipients/v1').digest('hex'),
    );
  });

  it('sorts by kecamatan, then kelurahan, then id, whatever order the rows arrive in', () => {
    const recipient = fc
      .record({
        kelurahanCode: fc.constantFrom('33.74.01.1001', '33.74.01.1002', '33.74.02.1001'),
        id: fc.integer({ min: 1, max: 9 }),
      })
      .map(({ kelurahanCode, id }) =>
        person(`0b6c3d1e-0000-4000-8000-00000000000${id}`, kelurahanCode),
      );
    const rows = fc
      .uniqueArray(recipient, { selector: (r) => r.recipientId, maxLength: 9 })
      .chain((list) =>
        fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
      );
    fc.assert(
      fc.property(rows, ([list, shuffled]) => {
        const lines = canonicalSkContent(shuffled).split('\n').slice(1);
        const keys = lines.map((line) => (JSON.parse(line) as string[]).slice(0, 3).join(' '));
        expect(keys).toEqual([...keys].sort());
        expect(canonicalSkContent(shuffled)).toBe(canonicalSkContent(list));
      }),
    );
  });
});

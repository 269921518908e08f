import {
  entryHash,
  findBreaks,
  sha256Hex,
  signCheckpoint,
  type AuditRow,
  type ChainEntry,
} from './audit-chain';

/** A well-formed chain over `rows`, as the database's trigger appends it. */
function chainOf(rows: readonly AuditRow[]): ChainEntry[] {
  const entries: ChainEntry[] = [];
  rows.forEach((row, i) => {
    const base = {
      programmeId: 'p',
      seq: i + 1,
      table: row.table,
      rowId: row.rowId,
      contentSha256: sha256Hex(row.content),
      prevHash: entries[i - 1]?.hash ?? null,
    };
    entries.push({ ...base, content: row.content, hash: entryHash(base) });
  });
  return entries;
}

describe('findBreaks', () => {
  const rows: AuditRow[] = ['a', 'b', 'c'].map((id) => ({
    table: 'sop_step_record',
    rowId: id,
    content: JSON.stringify({ id, step: `step-${id}` }),
  }));
  const sut = chainOf(rows);

  it('finds nothing in an untouched chain', () => {
    expect(findBreaks(sut, rows)).toEqual([]);
  });

  it('names an altered row with the field that differs', () => {
    const altered = rows.map((r) =>
      r.rowId === 'b' ? { ...r, content: '{"id": "b", "step": "x"}' } : r,
    );
    expect(findBreaks(sut, altered)).toEqual([
      {
        kind: 'altered',
        table: 'sop_step_record',
        rowId: 'b',
        seq: 2,
        detail: 'step: "step-b" → "x"',
      },
    ]);
  });

  it('names a removed row, a removed entry and an inserted row, first by chain order', () => {
    const extra = { table: 'evidence', rowId: 'z', content: '{}' };
    const breaks = findBreaks([sut[0], sut[2]], [rows[0], rows[2], extra]);
    expect(breaks.map((b) => [b.kind, b.rowId, b.seq])).toEqual([
      ['removed', 'c', 2],
      ['altered', 'c', 3],
      ['inserted', 'z', undefined],
    ]);
    expect(findBreaks(sut, [rows[0], rows[2]])[0]).toMatchObject({
      kind: 'removed',
      rowId: 'b',
      seq: 2,
    });
  });

  it('checks only the latest entry of a row against it (a decided SK has two versions)', () => {
    const draft = { table: 'sk_document', rowId: 's', content: '{"status": "draft"}' };
    const signed = { ...draft, content: '{"status": "signed"}' };
    expect(findBreaks(chainOf([draft, signed]), [signed])).toEqual([]);
    expect(findBreaks(chainOf([draft, signed]), [draft])[0]).toMatchObject({
      kind: 'altered',
      seq: 2,
    });
  });

  it('catches a consistently rewritten chain only with a signed checkpoint', () => {
    const key = Buffer.alloc(32, 1);
    const at = {
      programmeId: 'p',
      seq: 3,
      hash: sut[2].hash,
      signedAt: '2021-07-01T00:00:00.000000Z',
    };
    const checkpoint = { ...at, keyId: 'k1', hmac: signCheckpoint(at, key) };
    const forged = rows.map((r) => (r.rowId === 'a' ? { ...r, content: '{"id": "a"}' } : r));
    const rewritten = chainOf(forged);
    expect(findBreaks(rewritten, forged)).toEqual([]);
    expect(findBreaks(rewritten, forged, [checkpoint], key)).toEqual([
      expect.objectContaining({
        kind: 'altered',
        seq: 3,
        detail: expect.stringMatching(/rewritten/),
      }),
    ]);
    const unsigned = { ...checkpoint, hmac: '0'.repeat(64) };
    expect(findBreaks(sut, rows, [unsigned], key)[0]).toMatchObject({ kind: 'checkpoint' });
  });
});

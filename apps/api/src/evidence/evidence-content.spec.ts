import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { EvidenceContentCorrupted, EvidenceContentStore } from './evidence-content';

describe('EvidenceContentStore', () => {
  let dir: string;
  let store: EvidenceContentStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'salur-evidence-'));
    store = new EvidenceContentStore(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200_000, 7)]);
  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
  // Small chunks, so the head is gathered across several of them.
  const chunked = (data: Buffer) =>
    Readable.from([data.subarray(0, 3), data.subarray(3, 5), data.subarray(5)]);

  it('sweeps only the uploads left idle, never stored content', async () => {
    expect(await store.sweepIncoming(1000)).toBe(0); // no upload yet: no .incoming folder
    const stored = await store.receive(chunked(pdf));
    await store.commit(stored);
    const incoming = join(dir, '.incoming');
    await mkdir(incoming, { recursive: true });
    await writeFile(join(incoming, 'cut-short'), 'half a scan');
    await writeFile(join(incoming, 'in-progress'), 'a scan being written');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(join(incoming, 'cut-short'), twoHoursAgo, twoHoursAgo);

    expect(await store.sweepIncoming(60 * 60 * 1000)).toBe(1);
    expect(await readdir(incoming)).toEqual(['in-progress']);
    const hash = sha256(pdf);
    expect(await readFile(join(dir, hash.slice(0, 2), hash))).toEqual(pdf);
  });

  it('hashes while receiving and publishes only by rename', async () => {
    const received = await store.receive(chunked(pdf));
    expect(received).toMatchObject({ size: pdf.length, sha256: sha256(pdf) });
    expect(received.head.toString('latin1')).toBe('%PDF-1.7');
    expect(received.path.startsWith(join(dir, '.incoming'))).toBe(true);

    await store.commit(received);
    const hash = sha256(pdf);
    expect(await readFile(join(dir, hash.slice(0, 2), hash))).toEqual(pdf);
    expect(await readdir(join(dir, '.incoming'))).toEqual([]);

    const chunks: Buffer[] = [];
    for await (const chunk of await store.openVerified(hash)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(pdf);
  });

  it('refuses to serve content that no longer matches its hash', async () => {
    const received = await store.receive(chunked(pdf));
    await store.commit(received);
    await writeFile(join(dir, received.sha256.slice(0, 2), received.sha256), 'tampered');
    await expect(store.openVerified(received.sha256)).rejects.toBeInstanceOf(
      EvidenceContentCorrupted,
    );
    await expect(store.openVerified('0'.repeat(64))).rejects.toBeInstanceOf(
      EvidenceContentCorrupted,
    );
  });

  it('leaves nothing behind when the upload breaks off', async () => {
    const broken = new Readable({
      read() {
        this.push(Buffer.from('%PDF-'));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.receive(broken)).rejects.toThrow('client went away');
    expect(await readdir(join(dir, '.incoming'))).toEqual([]);
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PassThrough, type Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { evidenceContentPath, SNIFF_BYTES } from '../domain/evidence';

/** An upload as received: a temporary file, its size, SHA-256 and first bytes. */
export interface ReceivedContent {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /** The first bytes, for telling the file type from its signature. */
  readonly head: Buffer;
}

/** Raised when a stored file no longer hashes to its name (disk fault or tampering). */
export class ContentCorrupted extends Error {
  constructor(sha256: string) {
    super(`stored content ${sha256} is missing or does not match its SHA-256`);
    this.name = 'ContentCorrupted';
  }
}

/**
 * Files on disk, content-addressed: `<dir>/<sha256[0..2]>/<sha256>` (evidence uploads and
 * generated documents, each under its own directory). Content is streamed into
 * `<dir>/.incoming/<random uuid>` (same file system, so the final rename is atomic) while
 * its SHA-256 is computed, flushed to disk, and only then renamed into place: a reader never
 * sees half a file. No client file name ever reaches the disk.
 */
export class ContentStore {
  private readonly incomingDir: string;

  constructor(private readonly dir: string) {
    this.incomingDir = join(dir, '.incoming');
  }

  async receive(stream: Readable): Promise<ReceivedContent> {
    await mkdir(this.incomingDir, { recursive: true });
    const path = join(this.incomingDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const headChunks: Buffer[] = [];
    let headLength = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        if (headLength < SNIFF_BYTES) {
          headChunks.push(chunk.subarray(0, SNIFF_BYTES - headLength));
          headLength += Math.min(chunk.length, SNIFF_BYTES - headLength);
        }
        done(null, chunk);
      },
    });
    try {
      // flush: fsync before close, so the rename never publishes bytes still in a cache.
      await pipeline(stream, measure, createWriteStream(path, { flush: true }));
    } catch (error) {
      await this.discard(path);
      throw error;
    }
    return { path, size, sha256: hash.digest('hex'), head: Buffer.concat(headChunks) };
  }

  /**
   * What `write` writes, received like an upload: a generated document is hashed on its way
   * to disk, never held in memory. A failure of `write` removes the partial file.
   */
  async receiveWritten(write: (out: Writable) => Promise<void>): Promise<ReceivedContent> {
    const pipe = new PassThrough();
    const received = this.receive(pipe);
    try {
      await write(pipe);
    } catch (error) {
      pipe.destroy(error instanceof Error ? error : new Error(String(error)));
      await received.catch(() => undefined);
      throw error;
    }
    return received;
  }

  /** Moves received content to its place; the same bytes already there are simply replaced. */
  async commit(content: ReceivedContent): Promise<void> {
    const target = this.pathOf(content.sha256);
    await mkdir(dirname(target), { recursive: true });
    await rename(content.path, target);
  }

  async discard(path: string | undefined): Promise<void> {
    if (path) await unlink(path).catch(() => undefined);
  }

  /**
   * Removes what uploads cut short by a crash left in `.incoming`: files not written to for
   * `idleMs` (an upload in progress writes every moment). Returns how many were removed.
   */
  async sweepIncoming(idleMs: number, now = Date.now()): Promise<number> {
    const names = await readdir(this.incomingDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    let removed = 0;
    for (const name of names) {
      const path = join(this.incomingDir, name);
      const written = await stat(path).then(
        (s) => s.mtimeMs,
        () => undefined,
      );
      if (written !== undefined && now - written > idleMs) {
        await this.discard(path);
        removed++;
      }
    }
    return removed;
  }

  /**
   * The stored content, after checking that it still hashes to its name: the file is read
   * twice (at most the upload limit), so a damaged file is refused rather than served.
   */
  async openVerified(sha256: string): Promise<ReadStream> {
    const path = this.pathOf(sha256);
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    } catch {
      throw new ContentCorrupted(sha256);
    }
    if (hash.digest('hex') !== sha256) throw new ContentCorrupted(sha256);
    return createReadStream(path);
  }

  private pathOf(sha256: string): string {
    return join(this.dir, evidenceContentPath(sha256));
  }
}

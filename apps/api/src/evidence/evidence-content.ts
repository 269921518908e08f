import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { ContentStore, type ReceivedContent } from '@salur/libs/persistence/content-store';

export {
  ContentCorrupted as EvidenceContentCorrupted,
  type ReceivedContent,
} from '@salur/libs/persistence/content-store';

/** What the upload interceptor hands to the route: multer's fields and the received content. */
export interface ReceivedUpload extends ReceivedContent {
  readonly originalname: string;
}

/**
 * A content-addressed store fed by multer: each upload is hashed on its way to disk
 * (evidence, docs/evidence.md; a PDF sent to POST /verify). No client file name ever
 * reaches the disk.
 */
export class UploadContentStore extends ContentStore {
  /** The multer storage engine that streams each upload through receive(). */
  storageEngine(): StorageEngine {
    return {
      _handleFile: (_req: Request, file, callback) => {
        this.receive(file.stream).then(
          (content) => callback(null, content),
          (error: unknown) => callback(error),
        );
      },
      _removeFile: (_req: Request, file, callback) => {
        this.discard(file.path).then(() => callback(null), callback);
      },
    };
  }
}

/** Evidence content on disk. */
export class EvidenceContentStore extends UploadContentStore {}

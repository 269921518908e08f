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
 * Evidence content on disk (docs/evidence.md): the content-addressed store, fed by multer.
 * No client file name ever reaches the disk.
 */
export class EvidenceContentStore extends ContentStore {
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

import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpStatus,
  PayloadTooLargeException,
} from '@nestjs/common';
import type { Response } from 'express';

/** Says what the limit is and what to do instead, rather than multer's bare "File too large". */
@Catch(PayloadTooLargeException)
export class UploadTooLargeFilter implements ExceptionFilter {
  /** What to say: the limit and what to do instead (a subclass for another route's limit). */
  protected readonly message: string =
    'The file is larger than the 200 MB upload limit; split it, or load it with the CLI (npm run import)';

  catch(_error: PayloadTooLargeException, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(HttpStatus.PAYLOAD_TOO_LARGE)
      .json({ code: 'PAYLOAD_TOO_LARGE', message: this.message });
  }
}

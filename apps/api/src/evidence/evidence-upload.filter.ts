import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpStatus,
  Inject,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@salur/libs/config';
import { formatByteSize } from '@salur/libs/config/sizes';
import { EVIDENCE_MEDIA_TYPES } from '@salur/libs/domain/evidence';

/**
 * The two refusals of an evidence file that are not 400s: too large (413, from multer's
 * limit, named in bytes) and not a JPEG, PNG or PDF by its content (415). Both name the
 * field, like VALIDATION_FAILED does.
 */
@Catch(PayloadTooLargeException, UnsupportedMediaTypeException)
export class EvidenceUploadFilter implements ExceptionFilter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(error: PayloadTooLargeException | UnsupportedMediaTypeException, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof PayloadTooLargeException) {
      const limitBytes = this.config.evidence.maxBytes;
      const reason = `is larger than the ${formatByteSize(limitBytes)} evidence limit (${limitBytes} bytes)`;
      response.status(HttpStatus.PAYLOAD_TOO_LARGE).json({
        code: 'UPLOAD_TOO_LARGE',
        message: `file: ${reason}; scan at a lower resolution or split the document`,
        limitBytes,
        fields: [{ field: 'file', reason }],
      });
      return;
    }
    response.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).json({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `file: ${error.message}`,
      accepted: Object.keys(EVIDENCE_MEDIA_TYPES),
      fields: [{ field: 'file', reason: error.message }],
    });
  }
}

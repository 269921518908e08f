import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config';
import { EvidenceContentStore } from './evidence-content';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';

/** Photos and signed scans of an allocation (docs/evidence.md). */
@Module({
  imports: [
    // One file and a few short fields per request, streamed to disk and hashed on the way;
    // the limit comes from the configuration (EVIDENCE_MAX_BYTES).
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: new EvidenceContentStore(config.evidence.dir).storageEngine(),
        limits: {
          fileSize: config.evidence.maxBytes,
          files: 1,
          fields: 10,
          fieldSize: 4 * 1024,
          parts: 12,
        },
      }),
    }),
  ],
  controllers: [EvidenceController],
  providers: [EvidenceService],
})
export class EvidenceModule {}

import { Inject, Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '@salur/libs/config';
import { EvidenceContentStore } from './evidence-content';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';

/** An upload idle this long was cut short (the API stopped mid-upload); nothing will finish it. */
const ABANDONED_UPLOAD_MS = 60 * 60 * 1000;

/** At start, clears what uploads cut short by a previous run left behind. */
@Injectable()
export class AbandonedUploadSweep implements OnApplicationBootstrap {
  private readonly logger = new Logger('Evidence');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const store = new EvidenceContentStore(this.config.evidence.dir);
    const removed = await store.sweepIncoming(ABANDONED_UPLOAD_MS);
    if (removed > 0) this.logger.log(`removed ${removed} abandoned upload file(s)`);
  }
}

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
  providers: [EvidenceService, AbandonedUploadSweep],
})
export class EvidenceModule {}

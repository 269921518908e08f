import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@salur/libs/config';
import { createDocumentServices } from '@salur/libs/persistence';
import { EvidenceUploadFilter } from '../evidence/evidence-upload.filter';
import { UploadContentStore } from '../evidence/evidence-content';
import {
  DocumentsController,
  ProgrammeDocumentsController,
  VerificationController,
} from './documents.controller';
import { DOCUMENT_SERVICES, DocumentsService } from './documents.service';

/** Generated documents: list, download and verification (docs/documents.md). */
@Module({
  imports: [
    // A file sent to POST /verify is hashed on its way to the documents' incoming folder,
    // then removed: only its SHA-256 is compared. Same size limit as evidence.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: new UploadContentStore(config.documents.dir).storageEngine(),
        limits: { fileSize: config.evidence.maxBytes, files: 1, fields: 2, parts: 3 },
      }),
    }),
  ],
  controllers: [DocumentsController, ProgrammeDocumentsController, VerificationController],
  providers: [
    DocumentsService,
    EvidenceUploadFilter,
    {
      provide: DOCUMENT_SERVICES,
      inject: [DataSource, APP_CONFIG],
      useFactory: (dataSource: DataSource, config: AppConfig) =>
        createDocumentServices(dataSource, config.documents),
    },
  ],
})
export class DocumentsModule {}

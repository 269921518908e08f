import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@salur/libs/config';
import { createDocumentServices } from '@salur/libs/persistence';
import { SkController } from './sk.controller';
import { PROGRAMME_PAPERS, SkService } from './sk.service';

@Module({
  controllers: [SkController],
  providers: [
    SkService,
    {
      // An approved amending SK is printed as it is signed (docs/documents.md).
      provide: PROGRAMME_PAPERS,
      inject: [DataSource, APP_CONFIG],
      useFactory: (dataSource: DataSource, config: AppConfig) =>
        createDocumentServices(dataSource, config.documents).programme,
    },
  ],
})
export class SkModule {}

import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../../../libs/logging';
import { createHttpLogger, HTTP_LOGGER } from './http-logger';

/** pino-http on the process's root logger, handed to Express by `configureHttp`. */
@Module({
  providers: [
    {
      provide: HTTP_LOGGER,
      inject: [ROOT_LOGGER],
      useFactory: (logger: Logger) => createHttpLogger(logger),
    },
  ],
  exports: [HTTP_LOGGER],
})
export class HttpLoggingModule {}

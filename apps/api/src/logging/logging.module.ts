import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '@salur/libs/logging';
import { createHttpLogger, HTTP_LOGGER } from './http-logger';
import { LogCallerInterceptor } from './log-caller.interceptor';

/**
 * pino-http on the process's root logger, handed to Express by `configureHttp`, and the caller
 * named on every line of a request once it is known.
 */
@Module({
  providers: [
    {
      provide: HTTP_LOGGER,
      inject: [ROOT_LOGGER],
      useFactory: (logger: Logger) => createHttpLogger(logger),
    },
    { provide: APP_INTERCEPTOR, useClass: LogCallerInterceptor },
  ],
  exports: [HTTP_LOGGER],
})
export class HttpLoggingModule {}

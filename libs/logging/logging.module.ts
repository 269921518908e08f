import { Global, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config';
import { createLogger } from './logger';

/**
 * The route pattern nestjs-pino's binding middleware is mounted on. Express records it as the
 * request's route until a controller's route matches, so a request no route matched (a 404)
 * shows it: the request line leaves it out.
 */
export const EVERY_PATH = '{*path}';

/** Where the process's log lines go; tests override it to capture them. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');
/** The process's one pino logger (`createLogger`), at the configured LOG_LEVEL. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

@Global()
@Module({
  providers: [
    { provide: LOG_DESTINATION, useValue: null },
    {
      provide: ROOT_LOGGER,
      inject: [APP_CONFIG, LOG_DESTINATION],
      useFactory: (config: AppConfig, destination: DestinationStream | null) =>
        createLogger({ level: config.logLevel, destination: destination ?? undefined }),
    },
  ],
  exports: [LOG_DESTINATION, ROOT_LOGGER],
})
class RootLoggerModule {}

/**
 * Nest's logger (nestjs-pino's `Logger`: main.ts hands it to Nest) writing through the root
 * logger, for the API and the worker alike. The API registers pino-http itself, ahead of the
 * body parsers (`configureHttp`); `useExisting` makes nestjs-pino only bind each request's
 * logger, so lines written while serving a request carry its id.
 */
@Global()
@Module({
  imports: [
    RootLoggerModule,
    LoggerModule.forRootAsync({
      imports: [RootLoggerModule],
      inject: [ROOT_LOGGER],
      useFactory: (logger: Logger) => ({
        pinoHttp: { logger },
        useExisting: true,
        forRoutes: [{ path: EVERY_PATH, method: RequestMethod.ALL }],
      }),
    }),
  ],
  exports: [RootLoggerModule, LoggerModule],
})
export class LoggingModule {}

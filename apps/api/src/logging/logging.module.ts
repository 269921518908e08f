import { Global, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config';
import { JsonLogger } from '../../../../libs/logging';
import { RequestLoggingMiddleware } from './request-logging.middleware';

/** One JsonLogger for the app (main.ts hands it to Nest) and the request-id middleware on every route. */
@Global()
@Module({
  providers: [
    {
      provide: JsonLogger,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new JsonLogger({ level: config.logLevel }),
    },
  ],
  exports: [JsonLogger],
})
export class LoggingModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggingMiddleware).forRoutes('{*path}');
  }
}

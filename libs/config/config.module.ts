import { Global, Module } from '@nestjs/common';
import { loadConfig } from './app-config';

/** Injection token for the validated configuration (a symbol, not a bare string). */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => loadConfig() }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}

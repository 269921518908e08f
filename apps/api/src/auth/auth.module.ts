import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, requireJwtSecret, type AppConfig } from '@salur/libs/config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { IDENTITY_PROVIDER } from './identity-provider';
import { LocalIdentityProvider } from './local-identity.provider';
import { RateLimitGuard, rateLimitOptions } from './rate-limit';
import { TokenService } from './token.service';

/**
 * Login, tokens, the global guard and the rate limits. Swap IDENTITY_PROVIDER to change where
 * users live.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // The API does not start without its own secret (ConfigError naming JWT_SECRET).
        secret: requireJwtSecret(config),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: rateLimitOptions }),
  ],
  controllers: [AuthController],
  providers: [
    TokenService,
    { provide: IDENTITY_PROVIDER, useClass: LocalIdentityProvider },
    { provide: APP_GUARD, useClass: AuthGuard },
    // After the AuthGuard, so heavy requests count against the caller's own budget.
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [TokenService],
})
export class AuthModule {}

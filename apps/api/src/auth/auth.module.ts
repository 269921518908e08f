import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, requireJwtSecret, type AppConfig } from '../../../../libs/config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { IDENTITY_PROVIDER } from './identity-provider';
import { LocalIdentityProvider } from './local-identity.provider';
import { TokenService } from './token.service';

/** Login, tokens and the global guard. Swap IDENTITY_PROVIDER to change where users live. */
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
  ],
  controllers: [AuthController],
  providers: [
    TokenService,
    { provide: IDENTITY_PROVIDER, useClass: LocalIdentityProvider },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService],
})
export class AuthModule {}

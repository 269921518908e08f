import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config';
import { fromClaims, toClaims, type AuthUser } from '../../../../libs/domain/auth';

/** Bearer tokens: HS256 with JWT_SECRET, valid for JWT_TTL. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.jwt.ttlSeconds;
  }

  issue(user: AuthUser): Promise<string> {
    return this.jwt.signAsync({ ...toClaims(user) }, { expiresIn: this.config.jwt.ttlSeconds });
  }

  /** The user of a valid token; undefined for a bad signature, an expired or malformed token. */
  async verify(token: string): Promise<AuthUser | undefined> {
    try {
      return fromClaims(await this.jwt.verifyAsync<object>(token));
    } catch {
      return undefined;
    }
  }
}

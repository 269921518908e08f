import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@salur/libs/config';
import { fromClaims, toClaims, type AuthUser } from '@salur/libs/domain/auth';
import { UserRepository } from '@salur/libs/persistence/user.repository';

/**
 * Bearer tokens: HS256 with JWT_SECRET, valid for JWT_TTL, and only while the user is
 * active and its token version (`ver`) is the one the token was issued at: deactivation
 * and a password reset raise it, which ends every session of the user at once.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserRepository,
  ) {}

  get ttlSeconds(): number {
    return this.config.jwt.ttlSeconds;
  }

  async issue(user: AuthUser): Promise<string> {
    const state = await this.users.tokenState(user.id);
    if (!state?.active) throw new Error(`token asked for user ${user.id}, who may not log in`);
    return this.jwt.signAsync(
      { ...toClaims(user), ver: state.tokenVersion },
      { expiresIn: this.config.jwt.ttlSeconds },
    );
  }

  /**
   * The user of a valid token; undefined for a bad signature, an expired or malformed token
   * (one without `exp` included),
   * and a user deactivated or with a reset password since. The user's row is read on every
   * request, not cached, so the API refuses such a token from the next request on; it is
   * one primary-key look-up. A database failure is thrown (503), not taken for a bad token.
   */
  async verify(token: string): Promise<AuthUser | undefined> {
    let claims: object;
    try {
      claims = await this.jwt.verifyAsync<object>(token);
    } catch {
      return undefined;
    }
    // jsonwebtoken checks `exp` only when it is there: a token without one would never expire.
    if (typeof (claims as { exp?: unknown }).exp !== 'number') return undefined;
    const user = fromClaims(claims);
    if (!user) return undefined;
    const state = await this.users.tokenState(user.id);
    const version = (claims as { ver?: unknown }).ver;
    return state?.active && state.tokenVersion === version ? user : undefined;
  }
}

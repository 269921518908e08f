import type { AuthUser } from '@salur/libs/domain/auth';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Who the caller is. Local login (LocalIdentityProvider, users in app_user) is the one
 * implementation today; an OIDC provider replaces it by binding IDENTITY_PROVIDER to
 * another class (see docs/auth.md). Nothing else in the API knows where users live.
 */
export interface IdentityProvider {
  /** The user, or undefined for unknown user, wrong password or inactive user alike. */
  authenticate(credentials: Credentials): Promise<AuthUser | undefined>;
}

export const IDENTITY_PROVIDER = Symbol('IDENTITY_PROVIDER');

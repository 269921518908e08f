import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@salur/libs/domain/auth';
import { hashPassword, verifyPassword } from '@salur/libs/domain/password';
import { UserRepository } from '@salur/libs/persistence/user.repository';
import type { Credentials, IdentityProvider } from './identity-provider';

/** Users and scrypt password hashes in PostgreSQL (app_user). */
@Injectable()
export class LocalIdentityProvider implements IdentityProvider {
  // Checked against when the user is unknown, so both failures take the same time.
  private readonly decoy = hashPassword('decoy password, never a user');

  constructor(private readonly users: UserRepository) {}

  async authenticate({ username, password }: Credentials): Promise<AuthUser | undefined> {
    const user = await this.users.findByUsername(username);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await this.decoy));
    if (!user || !user.active || !matches) return undefined;
    return {
      id: user.id,
      role: user.role,
      ...(user.kecamatanCode ? { kecamatanCode: user.kecamatanCode } : {}),
      ...(user.kelurahanCode ? { kelurahanCode: user.kelurahanCode } : {}),
      ...(user.vendorId ? { vendorId: user.vendorId } : {}),
    };
  }
}

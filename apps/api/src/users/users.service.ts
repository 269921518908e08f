import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '@salur/libs/domain/auth';
import { DomainError, ValidationFailed } from '@salur/libs/domain/errors';
import { hashPassword } from '@salur/libs/domain/password';
import type { ScopedListQuery } from '@salur/libs/domain/read-scope';
import {
  parseNewUser,
  parsePasswordReset,
  refuseSelfDeactivation,
  regionCodesOf,
  regionProblems,
  type UserFilters,
} from '@salur/libs/domain/user-admin';
import { RegionRepository } from '@salur/libs/persistence/region.repository';
import {
  UserRepository,
  type UserEvent,
  type UserView,
} from '@salur/libs/persistence/user.repository';

/**
 * User management by the system_admin (docs/auth.md). Each change is recorded with the
 * acting admin; logs name the user and the change, never a password or a hash.
 */
@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly users: UserRepository,
    private readonly regions: RegionRepository,
  ) {}

  list(query: ScopedListQuery<UserFilters>) {
    return this.users.list(query);
  }

  async detail(id: string): Promise<UserView & { events: UserEvent[] }> {
    const user = await this.existing(id);
    return { ...user, events: await this.users.events(id) };
  }

  async create(body: unknown, admin: AuthUser): Promise<UserView> {
    const request = parseNewUser(body);
    const missing = regionProblems(
      request,
      await this.regions.existingCodes(regionCodesOf(request)),
    );
    if (missing.length > 0) throw new ValidationFailed(missing);
    const { password, ...rest } = request;
    const user = await this.users.create(
      { ...rest, passwordHash: await hashPassword(password) },
      admin.id,
    );
    this.logger.log(`user ${user.id} (${user.role}) created by ${admin.id}`);
    return user;
  }

  async setActive(id: string, active: boolean, admin: AuthUser): Promise<UserView> {
    if (!active) refuseSelfDeactivation(admin, id);
    await this.existing(id);
    // Already so: answered with the user as it is, and nothing recorded.
    if (await this.users.setActive(id, active, admin.id)) {
      this.logger.log(`user ${id} ${active ? 'activated' : 'deactivated'} by ${admin.id}`);
    }
    return this.existing(id);
  }

  async resetPassword(id: string, body: unknown, admin: AuthUser): Promise<UserView> {
    const user = await this.existing(id);
    const password = parsePasswordReset(body, user.username);
    await this.users.setPasswordHash(id, await hashPassword(password), admin.id);
    this.logger.log(`password of user ${id} reset by ${admin.id}`);
    return user;
  }

  private async existing(id: string): Promise<UserView> {
    const user = await this.users.findView(id);
    if (!user) throw new DomainError('NOT_FOUND', `No user with id ${id}`);
    return user;
  }
}

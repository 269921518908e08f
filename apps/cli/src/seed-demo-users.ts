import { DataSource } from 'typeorm';
import { loadConfig } from '@salur/libs/config/app-config';
import { USER_ROLES, isAreaRole, type UserRole } from '@salur/libs/domain/auth';
import { hashPassword } from '@salur/libs/domain/password';
import { KOTA_SEMARANG_CODE } from '@salur/libs/domain/region';
import { buildDataSourceOptions } from '@salur/libs/persistence/data-source-options';
import { RegionEntity } from '@salur/libs/persistence/entities/region.entity';
import { UserRepository, type NewUser } from '@salur/libs/persistence/user.repository';

/**
 * Demo users: one per city-wide role (username = role), one kecamatan operator per
 * kecamatan of Kota Semarang (kec-<code>), and kelurahan operators for the first kelurahan of a few
 * kecamatan (kel-<code>). All share DEMO_PASSWORD, documented in the README and
 * docs/auth.md: demo data only. Idempotent: an existing username is left as it is.
 */
export const DEMO_PASSWORD = 'salur-demo-2021';
export const DEMO_VENDOR_ID = 'vendor-demo';
const KELURAHAN_OPERATOR_KECAMATAN = ['33.74.01', '33.74.02', '33.74.03'];

export const demoUsername = (role: UserRole, areaCode?: string): string =>
  role === 'kecamatan_operator'
    ? `kec-${areaCode}`
    : role === 'kelurahan_operator'
      ? `kel-${areaCode}`
      : role;

/** Also creates `extra` users (tests use it for a second member of a team). */
export async function seedDemoUsers(
  dataSource: DataSource,
  extra: readonly Omit<NewUser, 'passwordHash'>[] = [],
  password: string = DEMO_PASSWORD,
): Promise<{ created: number; total: number }> {
  const users = new UserRepository(dataSource);
  const regions = dataSource.getRepository(RegionEntity);
  // The demo is Kota Semarang's; the region table holds every kecamatan of Indonesia.
  const kecamatan = await regions.find({
    where: { level: 'kecamatan', parentCode: KOTA_SEMARANG_CODE },
    order: { code: 'ASC' },
  });
  const wanted: Omit<NewUser, 'passwordHash'>[] = USER_ROLES.filter((r) => !isAreaRole(r)).map(
    (role) => ({
      username: demoUsername(role),
      role,
      ...(role === 'rekanan' ? { vendorId: DEMO_VENDOR_ID } : {}),
    }),
  );
  for (const { code } of kecamatan) {
    wanted.push({
      username: demoUsername('kecamatan_operator', code),
      role: 'kecamatan_operator',
      kecamatanCode: code,
    });
  }
  for (const kecamatanCode of KELURAHAN_OPERATOR_KECAMATAN) {
    const [first] = await regions.find({
      where: { parentCode: kecamatanCode, level: 'kelurahan_desa' },
      order: { code: 'ASC' },
      take: 1,
    });
    if (!first) continue;
    wanted.push({
      username: demoUsername('kelurahan_operator', first.code),
      role: 'kelurahan_operator',
      kecamatanCode,
      kelurahanCode: first.code,
    });
  }
  wanted.push(...extra);
  const existing = await users.listUsernames();
  const missing = wanted.filter((u) => !existing.has(u.username));
  // Each user gets its own salt, even with the shared demo password.
  await Promise.all(
    missing.map(async (user) =>
      users.createIfAbsent({ ...user, passwordHash: await hashPassword(password) }),
    ),
  );
  return { created: missing.length, total: wanted.length };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await new DataSource(buildDataSourceOptions(config.databaseUrl)).initialize();
  try {
    const { created, total } = await seedDemoUsers(dataSource);
    process.stdout.write(
      `Demo users: ${created} created, ${total - created} already there (password "${DEMO_PASSWORD}")\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Seeding demo users failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}

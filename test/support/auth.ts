import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, demoUsername, seedDemoUsers } from '@salur/apps/cli/src/seed-demo-users';
import type { UserRole } from '@salur/libs/domain/auth';
import type { NewUser } from '@salur/libs/persistence/user.repository';

export interface Session {
  readonly token: string;
  /** The user id: what the API records as the actor. */
  readonly userId: string;
}

const seeded = new WeakMap<INestApplication, Promise<unknown>>();
const sessions = new WeakMap<INestApplication, Map<string, Promise<Session>>>();

/**
 * A session of the demo user of a role, made by the same function as
 * `npm run seed:demo-users` (idempotent, so test files share the users). The area is the
 * kecamatan code for a kecamatan operator, the kelurahan code for a kelurahan operator
 * (seeded for the first kelurahan of 33.74.01-03).
 */
export async function loginAs(
  app: INestApplication,
  role: UserRole,
  area?: string,
): Promise<Session> {
  if (!seeded.has(app)) seeded.set(app, seedDemoUsers(app.get(DataSource)));
  await seeded.get(app);
  return login(app, demoUsername(role, area));
}

/**
 * A session of an extra user: a second member of a team, or a rekanan of another vendor
 * (`{ vendorId }`).
 */
export async function loginAsNew(
  app: INestApplication,
  role: UserRole,
  username: string,
  profile: Pick<NewUser, 'kecamatanCode' | 'kelurahanCode' | 'vendorId'> = {},
): Promise<Session> {
  await seedDemoUsers(app.get(DataSource), [{ username, role, ...profile }]);
  return login(app, username);
}

function login(app: INestApplication, username: string): Promise<Session> {
  const cache = sessions.get(app) ?? new Map<string, Promise<Session>>();
  sessions.set(app, cache);
  if (!cache.has(username)) {
    cache.set(
      username,
      request(app.getHttpServer())
        .post('/auth/login')
        .send({ username, password: DEMO_PASSWORD })
        .then((res) => {
          if (res.status !== 200) throw new Error(`login as ${username}: HTTP ${res.status}`);
          const body = res.body as { accessToken: string; user: { id: string } };
          return { token: body.accessToken, userId: body.user.id };
        }),
    );
  }
  return cache.get(username) as Promise<Session>;
}

/** Supertest requests that carry a session's bearer token. */
export function as(app: INestApplication, session: Session) {
  const agent = () => request(app.getHttpServer());
  const bearer = { type: 'bearer' } as const;
  return {
    get: (path: string) => agent().get(path).auth(session.token, bearer),
    post: (path: string) => agent().post(path).auth(session.token, bearer),
  };
}

import { MIN_PASSWORD_LENGTH } from '@salur/libs/domain/user-admin';
import type { ListDocs } from '../lists/list-endpoint.decorator';

/** Examples of the user-management endpoints for the OpenAPI document. No hash, ever. */

const ADMIN_ID = '5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

export const USER_EXAMPLE = {
  id: 'c2d7e9f0-4a1b-4c3d-9e8f-7a6b5c4d3e2f',
  username: 'kec-33.74.01-sri',
  role: 'kecamatan_operator',
  kecamatanCode: '33.74.01',
  kelurahanCode: null,
  vendorId: null,
  active: true,
  createdAt: '2021-07-05T02:00:00.000Z',
};

export const USER_DETAIL_EXAMPLE = {
  ...USER_EXAMPLE,
  active: false,
  events: [
    {
      kind: 'created',
      actorId: ADMIN_ID,
      actorUsername: 'system_admin',
      at: USER_EXAMPLE.createdAt,
    },
    {
      kind: 'deactivated',
      actorId: ADMIN_ID,
      actorUsername: 'system_admin',
      at: '2021-09-01T01:30:00.000Z',
    },
  ],
};

export const USER_DOCS: ListDocs = {
  summary: 'Users who may log in, oldest first (never a password hash)',
  item: USER_EXAMPLE,
};

export const NEW_USER_EXAMPLES = {
  kecamatan_operator: {
    value: {
      username: 'kec-33.74.01-sri',
      password: 'correct-horse-battery',
      role: 'kecamatan_operator',
      kecamatanCode: '33.74.01',
    },
  },
  kelurahan_operator: {
    value: {
      username: 'kel-33.74.01.1001-budi',
      password: 'correct-horse-battery',
      role: 'kelurahan_operator',
      kecamatanCode: '33.74.01',
      kelurahanCode: '33.74.01.1001',
    },
  },
  rekanan: {
    value: {
      username: 'cv-sumber-pangan',
      password: 'correct-horse-battery',
      role: 'rekanan',
      vendorId: 'rekanan-1',
    },
  },
  tim_data: {
    value: { username: 'ana.tim-data', password: 'correct-horse-battery', role: 'tim_data' },
  },
};

const PASSWORD_REASON = `must be ${MIN_PASSWORD_LENGTH}-200 characters long`;

export const USER_VALIDATION_EXAMPLE = {
  code: 'VALIDATION_FAILED',
  message: `password: ${PASSWORD_REASON}; kecamatanCode: is required for kecamatan_operator: a kecamatan code like 33.74.01`,
  fields: [
    { field: 'password', reason: PASSWORD_REASON },
    {
      field: 'kecamatanCode',
      reason: 'is required for kecamatan_operator: a kecamatan code like 33.74.01',
    },
  ],
};

export const USERNAME_TAKEN_EXAMPLE = {
  field: 'username',
  code: 'ALREADY_EXISTS',
  message: 'A user named kec-33.74.01-sri already exists',
};

export const SELF_DEACTIVATION_EXAMPLE = {
  reason: 'SELF_DEACTIVATION',
  code: 'TRANSITION_REFUSED',
  message: 'A system_admin may not deactivate itself; another system_admin must do it',
};

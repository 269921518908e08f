import type { NikDisplay } from '../documents/document';
import type { AuthUser, UserRole } from './auth';
import { ValidationFailed } from './errors';

/**
 * Who may have a document printed with full NIKs: Dinsos staff, who hold the data. Everyone
 * else reads NIKs as the API shows them (the last four digits), on paper too.
 */
export const FULL_NIK_READERS: readonly UserRole[] = ['dinsos_admin', 'tim_data'];

/** The `nik` query parameter of a download: `masked` (the default) or `full`. */
export function parseNikDisplay(value: unknown): NikDisplay {
  if (value === undefined || value === 'masked') return 'masked';
  if (value === 'full') return 'full';
  throw new ValidationFailed([
    { field: 'nik', reason: 'must be "masked" (the default) or "full", given once' },
  ]);
}

/** Why this user may not have full NIKs printed, or undefined when it may. */
export function fullNikRefusal(user: AuthUser): string | undefined {
  return FULL_NIK_READERS.includes(user.role)
    ? undefined
    : `role ${user.role} may not print full NIKs; allowed: ${FULL_NIK_READERS.join(', ')}`;
}

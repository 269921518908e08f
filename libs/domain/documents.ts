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

/** What the reading rule needs to know of a document. */
export interface ReadableDocument {
  readonly kelurahanCode: string | null;
  /** Whether it lists persons (a BNBA, an SK's lampiran). */
  readonly personalData: boolean;
}

/**
 * Whether a user who may read an allocation may read this one of its documents. A kelurahan
 * operator reads its own kelurahan's papers and the kecamatan's and programme's papers that
 * list no person (another kelurahan's families are not its business); every other role the
 * route lets in reads them all.
 */
export function mayReadDocument(user: AuthUser, document: ReadableDocument): boolean {
  if (user.role !== 'kelurahan_operator') return true;
  if (document.kelurahanCode !== null) return document.kelurahanCode === user.kelurahanCode;
  return !document.personalData;
}

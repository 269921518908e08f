/**
 * Who may send events to one kecamatan's allocation. 'programme' is the programme workflow
 * itself: city-wide decisions (quota letter, SK, SPK) are taken once and fanned out by it.
 */
export const ROLES = [
  'dinsos_admin',
  'tim_data',
  'kecamatan_operator',
  'kelurahan_operator',
  'sk_approver',
  'tim_pengadaan',
  'rekanan',
  'tim_pemeriksa',
  'tim_distribusi',
  'tim_monev',
  'auditor',
  'system_admin',
  'programme',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

import type { SopStep } from '../sop/steps';
import type { AuthUser, UserRole } from './auth';
import { type FieldProblem, ValidationFailed } from './errors';
import { KELURAHAN_CODE } from '../shared';

/**
 * Evidence: photos and signed scans attached to an allocation (see docs/evidence.md).
 * Plain rules only: which kinds exist, who may upload each, which bytes are accepted and
 * how a client's file name is made safe to keep. I/O lives in the API and persistence.
 */

/** Dinsos staff who collect every kind of document for the file of an allocation. */
const DINSOS_STAFF = ['dinsos_admin', 'tim_data'] as const satisfies readonly UserRole[];
const DISTRIBUTORS = [
  'tim_distribusi',
  'kecamatan_operator',
  'kelurahan_operator',
] as const satisfies readonly UserRole[];

/**
 * Every kind of evidence: the SOP step it documents and the roles that may upload it
 * (the actors who produce it, plus Dinsos staff). The one place this is decided.
 */
export const EVIDENCE_KINDS = {
  signed_spk: { step: 'contract', uploaders: ['tim_pengadaan', ...DINSOS_STAFF] },
  photo_packing: { step: 'packing', uploaders: ['rekanan', ...DINSOS_STAFF] },
  photo_inspection: { step: 'inspection', uploaders: ['tim_pemeriksa', ...DINSOS_STAFF] },
  signed_ba_inspection: { step: 'inspection', uploaders: ['tim_pemeriksa', ...DINSOS_STAFF] },
  photo_distribution: { step: 'distribution', uploaders: [...DISTRIBUTORS, ...DINSOS_STAFF] },
  photo_monev: { step: 'monev', uploaders: ['tim_monev', ...DINSOS_STAFF] },
  signed_ba_monev: { step: 'monev', uploaders: ['tim_monev', ...DINSOS_STAFF] },
  // Signed at distribution, collected as the SOP's last step.
  signed_bast: { step: 'collection', uploaders: [...DISTRIBUTORS, ...DINSOS_STAFF] },
  other: { step: undefined, uploaders: [...DINSOS_STAFF] },
} as const satisfies Record<
  string,
  { readonly step: SopStep | undefined; readonly uploaders: readonly UserRole[] }
>;

export type EvidenceKind = keyof typeof EVIDENCE_KINDS;

export const EVIDENCE_KIND_NAMES = Object.keys(EVIDENCE_KINDS) as EvidenceKind[];

/** Every role that may upload some kind: the route admits these, the kind decides the rest. */
export const EVIDENCE_UPLOADERS: readonly UserRole[] = [
  ...new Set(EVIDENCE_KIND_NAMES.flatMap((kind) => EVIDENCE_KINDS[kind].uploaders)),
];

export function isEvidenceKind(value: unknown): value is EvidenceKind {
  return typeof value === 'string' && Object.hasOwn(EVIDENCE_KINDS, value);
}

export function stepOfEvidence(kind: EvidenceKind): SopStep | undefined {
  return EVIDENCE_KINDS[kind].step;
}

/**
 * Why this user may not attach this kind (for this kelurahan), or undefined when it may.
 * A kelurahan operator attaches only to its own kelurahan; the area (kecamatan) of the
 * allocation is checked by the access policy before the upload is read.
 */
export function evidenceUploadRefusal(
  user: AuthUser,
  kind: EvidenceKind,
  kelurahanCode: string | undefined,
): string | undefined {
  const uploaders: readonly UserRole[] = EVIDENCE_KINDS[kind].uploaders;
  if (!uploaders.includes(user.role)) {
    return `role ${user.role} may not upload ${kind}; allowed: ${uploaders.join(', ')}`;
  }
  if (user.role === 'kelurahan_operator' && kelurahanCode !== user.kelurahanCode) {
    return `a kelurahan operator attaches evidence only to kelurahan ${user.kelurahanCode}`;
  }
  return undefined;
}

/** The accepted file types, told apart by their first bytes (the client's word is not taken). */
export const EVIDENCE_MEDIA_TYPES = {
  'image/jpeg': { extension: 'jpg', signature: [0xff, 0xd8, 0xff] },
  'image/png': { extension: 'png', signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // "%PDF-"
  'application/pdf': { extension: 'pdf', signature: [0x25, 0x50, 0x44, 0x46, 0x2d] },
} as const;

export type EvidenceMediaType = keyof typeof EVIDENCE_MEDIA_TYPES;

const MEDIA_TYPES = Object.keys(EVIDENCE_MEDIA_TYPES) as EvidenceMediaType[];

/** Bytes of a file's start that sniffMediaType needs. */
export const SNIFF_BYTES = Math.max(
  ...MEDIA_TYPES.map((type) => EVIDENCE_MEDIA_TYPES[type].signature.length),
);

/**
 * The media type a file's first bytes announce, or undefined when they are none of
 * JPEG, PNG or PDF. Only the signature is read: the file is stored and served as bytes,
 * never decoded or rendered by the server.
 */
export function sniffMediaType(head: Uint8Array): EvidenceMediaType | undefined {
  return MEDIA_TYPES.find((type) =>
    EVIDENCE_MEDIA_TYPES[type].signature.every((byte, index) => head[index] === byte),
  );
}

export const ACCEPTED_FILE_TYPES = 'JPEG, PNG or PDF';

const MAX_NAME_STEM = 100;
// NIK and No. KK (16 digits) and phone numbers (10-13): a long run of digits may be personal.
const LONG_DIGIT_RUN = /\d{10,}/g;

/**
 * A client's file name made safe to store and to send back in Content-Disposition: the
 * last path segment, accents folded, anything but letters, digits, '.', '_' and '-'
 * replaced, runs of 10+ digits (NIK, No. KK, phone) dropped, at most 100 characters,
 * and the extension of the type the bytes are.
 */
export function sanitiseFileName(name: string, mediaType: EvidenceMediaType): string {
  const lastSegment = name.split(/[/\\]/).pop() ?? '';
  const dot = lastSegment.lastIndexOf('.');
  const stem = (dot > 0 ? lastSegment.slice(0, dot) : lastSegment)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(LONG_DIGIT_RUN, '_')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/[._-]{2,}/g, (run) => run[0])
    // No hidden files and no leading or trailing separators.
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, MAX_NAME_STEM)
    .replace(/[._-]+$/, '');
  return `${stem || 'evidence'}.${EVIDENCE_MEDIA_TYPES[mediaType].extension}`;
}

/** Where content lives under the evidence directory: `<sha256[0..2]>/<sha256>`. */
export function evidenceContentPath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError('not a SHA-256 hex digest');
  return `${sha256.slice(0, 2)}/${sha256}`;
}

export const MAX_EVIDENCE_NOTE = 500;

export interface EvidenceFields {
  readonly kind: EvidenceKind;
  readonly kelurahanCode?: string;
  readonly note?: string;
}

/**
 * The text fields of an upload. Whether the kelurahan belongs to the allocation's
 * kecamatan is checked against the region table by the caller.
 */
export function parseEvidenceFields(body: unknown): EvidenceFields {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const problems: FieldProblem[] = [];
  const text = (name: string): string | undefined => {
    const value = fields[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      problems.push({ field: name, reason: 'must be sent once, as text' });
      return undefined;
    }
    return value.trim() || undefined;
  };

  const kind = text('kind');
  if (!isEvidenceKind(kind)) {
    problems.push({
      field: 'kind',
      reason: `${kind === undefined ? 'is required' : 'is not a known kind'}; one of ${EVIDENCE_KIND_NAMES.join(', ')}`,
    });
  }
  const kelurahanCode = text('kelurahanCode');
  if (kelurahanCode !== undefined && !KELURAHAN_CODE.test(kelurahanCode)) {
    problems.push({ field: 'kelurahanCode', reason: 'must look like 33.74.01.1001' });
  }
  const note = text('note');
  if (note !== undefined && note.length > MAX_EVIDENCE_NOTE) {
    problems.push({ field: 'note', reason: `must be at most ${MAX_EVIDENCE_NOTE} characters` });
  }
  if (problems.length > 0) throw new ValidationFailed(problems);
  return {
    kind: kind as EvidenceKind,
    ...(kelurahanCode ? { kelurahanCode } : {}),
    ...(note ? { note } : {}),
  };
}

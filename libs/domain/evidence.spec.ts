import { codeNames, docTable } from '@salur/test/support/doc-tables';
import { USER_ROLES, type AuthUser, type UserRole } from './auth';
import {
  EVIDENCE_KIND_NAMES,
  EVIDENCE_KINDS,
  EVIDENCE_UPLOADERS,
  evidenceContentPath,
  evidenceUploadRefusal,
  parseEvidenceFields,
  sanitiseFileName,
  sniffMediaType,
  SNIFF_BYTES,
  stepOfEvidence,
} from './evidence';
import { ValidationFailed } from './errors';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('sniffMediaType', () => {
  it('tells JPEG, PNG and PDF by their first bytes', () => {
    expect(sniffMediaType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(sniffMediaType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe(
      'image/png',
    );
    expect(sniffMediaType(text('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it.each([
    ['text', text('hello, this is not a photo')],
    ['an empty file', bytes()],
    ['a truncated PNG signature', bytes(0x89, 0x50, 0x4e, 0x47)],
    ['a GIF', text('GIF89a')],
    ['a ZIP (XLSX, DOCX)', bytes(0x50, 0x4b, 0x03, 0x04)],
    ['"%PDF" further in', text(' %PDF-1.4')],
  ])('refuses %s', (_name, head) => {
    expect(sniffMediaType(head)).toBeUndefined();
  });

  it('needs no more than SNIFF_BYTES of the file', () => {
    expect(SNIFF_BYTES).toBe(8);
  });
});

describe('who uploads which kind', () => {
  const user = (role: UserRole, area: Partial<AuthUser> = {}): AuthUser => ({
    id: 'u-1',
    role,
    ...area,
  });
  const kelurahanOperator = user('kelurahan_operator', {
    kecamatanCode: '33.74.01',
    kelurahanCode: '33.74.01.1001',
  });

  it('is the table of docs/evidence.md: each kind’s step and exactly who may upload it', () => {
    const table = docTable('evidence.md', '## Kinds and who uploads them');
    expect(table.map(([kind]) => codeNames(kind)[0])).toEqual(EVIDENCE_KIND_NAMES);
    for (const [kind, stepCell, uploadersCell] of table) {
      const name = codeNames(kind)[0] as (typeof EVIDENCE_KIND_NAMES)[number];
      const step = codeNames(stepCell)[0];
      const uploaders = codeNames(uploadersCell);
      expect(stepOfEvidence(name)).toBe(step);
      const allowed = new Set([...uploaders, 'dinsos_admin', 'tim_data']);
      for (const role of USER_ROLES) {
        const refusal = evidenceUploadRefusal(
          { ...kelurahanOperator, role },
          name,
          '33.74.01.1001',
        );
        expect([role, refusal === undefined]).toEqual([role, allowed.has(role)]);
      }
    }
  });

  it('lets each SOP actor upload what its step produces', () => {
    expect(evidenceUploadRefusal(user('rekanan'), 'photo_packing', undefined)).toBeUndefined();
    expect(
      evidenceUploadRefusal(user('tim_pemeriksa'), 'signed_ba_inspection', undefined),
    ).toBeUndefined();
    expect(evidenceUploadRefusal(user('tim_monev'), 'signed_ba_monev', undefined)).toBeUndefined();
    expect(evidenceUploadRefusal(user('tim_pengadaan'), 'signed_spk', undefined)).toBeUndefined();
    expect(
      evidenceUploadRefusal(
        user('kecamatan_operator', { kecamatanCode: '33.74.01' }),
        'signed_bast',
        undefined,
      ),
    ).toBeUndefined();
  });

  it('refuses another step’s evidence, naming who may', () => {
    expect(evidenceUploadRefusal(user('rekanan'), 'signed_bast', undefined)).toBe(
      'role rekanan may not upload signed_bast; allowed: tim_distribusi, kecamatan_operator, kelurahan_operator, dinsos_admin, tim_data',
    );
    expect(evidenceUploadRefusal(user('tim_monev'), 'photo_inspection', undefined)).toMatch(
      /may not upload photo_inspection/,
    );
  });

  it('lets Dinsos staff upload every kind and nobody else upload "other"', () => {
    for (const kind of Object.keys(EVIDENCE_KINDS) as (keyof typeof EVIDENCE_KINDS)[]) {
      expect(evidenceUploadRefusal(user('tim_data'), kind, undefined)).toBeUndefined();
      expect(evidenceUploadRefusal(user('dinsos_admin'), kind, undefined)).toBeUndefined();
    }
    expect(EVIDENCE_KINDS.other.uploaders).toEqual(['dinsos_admin', 'tim_data']);
  });

  it('admits on the route exactly the roles that upload some kind', () => {
    expect([...EVIDENCE_UPLOADERS].sort()).toEqual(
      [
        'dinsos_admin',
        'kecamatan_operator',
        'kelurahan_operator',
        'rekanan',
        'tim_data',
        'tim_distribusi',
        'tim_monev',
        'tim_pemeriksa',
        'tim_pengadaan',
      ].sort(),
    );
    expect(EVIDENCE_UPLOADERS).not.toContain('auditor');
    expect(EVIDENCE_UPLOADERS).not.toContain('sk_approver');
  });

  it('keeps a kelurahan operator to its own kelurahan', () => {
    expect(
      evidenceUploadRefusal(kelurahanOperator, 'photo_distribution', '33.74.01.1001'),
    ).toBeUndefined();
    expect(evidenceUploadRefusal(kelurahanOperator, 'photo_distribution', '33.74.01.1002')).toBe(
      'a kelurahan operator attaches evidence only to kelurahan 33.74.01.1001',
    );
    expect(evidenceUploadRefusal(kelurahanOperator, 'photo_distribution', undefined)).toMatch(
      /only to kelurahan/,
    );
  });
});

describe('sanitiseFileName', () => {
  it.each([
    ['BAST Kelurahan Sekaran.pdf', 'application/pdf', 'BAST_Kelurahan_Sekaran.pdf'],
    ['C:\\Users\\siti\\Foto penyaluran (1).JPG', 'image/jpeg', 'Foto_penyaluran_1.jpg'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['.hidden', 'image/png', 'hidden.png'],
    ['Pemeriksaan_café.jpeg', 'image/jpeg', 'Pemeriksaan_cafe.jpg'],
    // The bytes decide the extension, not the name.
    ['foto.jpg', 'application/pdf', 'foto.pdf'],
    ['KTP 3374014107850001 no hp 081234567890.png', 'image/png', 'KTP_no_hp.png'],
    ['', 'image/png', 'evidence.png'],
    ['###.pdf', 'application/pdf', 'evidence.pdf'],
    ['BA monev 2021-08-02.pdf', 'application/pdf', 'BA_monev_2021-08-02.pdf'],
    ['BAST - Kelurahan..Sekaran.pdf', 'application/pdf', 'BAST_Kelurahan.Sekaran.pdf'],
  ] as const)('%s → %s', (name, type, expected) => {
    expect(sanitiseFileName(name, type)).toBe(expected);
  });

  it('keeps names short', () => {
    const name = sanitiseFileName(`${'a'.repeat(300)}.pdf`, 'application/pdf');
    expect(name).toBe(`${'a'.repeat(100)}.pdf`);
    // Cut at 100, the stem does not end in a separator.
    expect(sanitiseFileName(`${'a'.repeat(99)}-b.pdf`, 'application/pdf')).toBe(
      `${'a'.repeat(99)}.pdf`,
    );
  });
});

describe('parseEvidenceFields', () => {
  const problems = (body: unknown) => {
    try {
      parseEvidenceFields(body);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailed);
      return (error as ValidationFailed).problems;
    }
    throw new Error('expected a validation failure');
  };

  it('reads kind, kelurahan and note, trimmed', () => {
    expect(
      parseEvidenceFields({ kind: 'signed_bast', kelurahanCode: ' 33.74.01.1001 ', note: ' ok ' }),
    ).toEqual({ kind: 'signed_bast', kelurahanCode: '33.74.01.1001', note: 'ok' });
    expect(parseEvidenceFields({ kind: 'other', note: '  ' })).toEqual({ kind: 'other' });
  });

  it('names each bad field', () => {
    expect(problems({})).toEqual([
      { field: 'kind', reason: expect.stringMatching(/^is required; one of signed_spk, /) },
    ]);
    expect(
      problems({ kind: 'selfie', kelurahanCode: '1001', note: 'x'.repeat(501) }).map(
        (p) => p.field,
      ),
    ).toEqual(['kind', 'kelurahanCode', 'note']);
    expect(problems({ kind: 'selfie' })[0].reason).toMatch(
      /^is not a known kind; one of signed_spk, /,
    );
    expect(problems(null).map((p) => p.field)).toEqual(['kind']);
    expect(
      problems({ kind: 'other', kelurahanCode: '33.74.01.10011' }).map((p) => p.field),
    ).toEqual(['kelurahanCode']);
    expect(parseEvidenceFields({ kind: 'other', note: 'x'.repeat(500) }).note).toHaveLength(500);
    expect(problems({ kind: ['other', 'other'] })[0]).toEqual({
      field: 'kind',
      reason: 'must be sent once, as text',
    });
  });
});

describe('evidenceContentPath', () => {
  it('fans content out by the first two hex digits', () => {
    const sha = 'ab'.padEnd(64, '0');
    expect(evidenceContentPath(sha)).toBe(`ab/${sha}`);
    expect(() => evidenceContentPath('../x')).toThrow(RangeError);
    for (const bad of [sha.toUpperCase(), sha.slice(1), `${sha}0`, `x${sha}`]) {
      expect(() => evidenceContentPath(bad)).toThrow(RangeError);
    }
  });
});

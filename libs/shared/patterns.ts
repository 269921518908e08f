/** Region codes follow Kepmendagri: PP.KK.CC (kecamatan) and PP.KK.CC.DDDD (kelurahan). */
export const KECAMATAN_CODE = /^\d{2}\.\d{2}\.\d{2}$/;
export const KELURAHAN_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/** A programme id; it becomes every workflow id of the programme. */
export const PROGRAM_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

const inner = (pattern: RegExp) => pattern.source.slice(1, -1);

/** An allocation's workflow id, `allocation-<programId>-<kecamatanCode>`, capturing both. */
export const ALLOCATION_ID = new RegExp(
  `^allocation-(${inner(PROGRAM_ID)})-(${inner(KECAMATAN_CODE)})$`,
);

/** A programme id or its workflow id (`programme-<programId>`). */
export const PROGRAMME_REF = new RegExp(`^(programme-)?${inner(PROGRAM_ID)}$`);

/** A row id as PostgreSQL's gen_random_uuid() writes it (any case). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

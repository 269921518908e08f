import { jsonObjectBody, ValidationFailed, type FieldProblem } from './errors';
import { readIdNumber } from './id-number-text';
import { isKecamatanCodeFormat } from './region';
import { containsNik, NIK_IN_TEXT_REASON, nikProblemsIn } from './nik-in-text';
import { isRecord, PROGRAM_ID } from '../shared';

export interface StartProgrammeCommand {
  readonly programId: string;
  readonly allocations: readonly { kecamatanCode: string; quota: number }[];
}

/** A transition request: only the event's fields. Who acts comes from the bearer token. */
export interface CommandBody {
  readonly payload: Record<string, unknown>;
}

const MAX_QUOTA = 1_000_000;

/** Parses an untrusted request body; reports every bad field at once. */
export function parseStartProgramme(body: unknown): StartProgrammeCommand {
  const problems: FieldProblem[] = [];
  const { programId, allocations } = jsonObjectBody(body);
  if (typeof programId !== 'string' || !PROGRAM_ID.test(programId)) {
    problems.push({
      field: 'programId',
      reason: 'must be 2-63 lowercase letters, digits or dashes, starting with a letter or digit',
    });
  } else if (containsNik(programId)) {
    // It becomes every workflow id of the programme, which must never hold a NIK.
    problems.push({ field: 'programId', reason: NIK_IN_TEXT_REASON });
  }
  if (!Array.isArray(allocations) || allocations.length === 0) {
    problems.push({
      field: 'allocations',
      reason: 'must be a non-empty list of { kecamatanCode, quota }',
    });
  } else {
    const seen = new Set<string>();
    allocations.forEach((item: unknown, index) => {
      const at = `allocations[${index}]`;
      if (!isRecord(item)) {
        problems.push({ field: at, reason: 'must be an object { kecamatanCode, quota }' });
        return;
      }
      const { kecamatanCode, quota } = item;
      if (typeof kecamatanCode !== 'string' || !isKecamatanCodeFormat(kecamatanCode)) {
        problems.push({
          field: `${at}.kecamatanCode`,
          reason: 'must be a kecamatan code like 33.74.01',
        });
      } else if (seen.has(kecamatanCode)) {
        problems.push({ field: `${at}.kecamatanCode`, reason: `${kecamatanCode} is listed twice` });
      } else {
        seen.add(kecamatanCode);
      }
      if (typeof quota !== 'number' || !Number.isInteger(quota) || quota < 1 || quota > MAX_QUOTA) {
        problems.push({
          field: `${at}.quota`,
          reason: `must be a whole number of parcels from 1 to ${MAX_QUOTA}`,
        });
      }
    });
  }
  if (problems.length > 0) throw new ValidationFailed(problems);
  return {
    programId: programId as string,
    allocations: (allocations as { kecamatanCode: string; quota: number }[]).map((a) => ({
      kecamatanCode: a.kecamatanCode,
      quota: a.quota,
    })),
  };
}

/**
 * A transition request: `{ payload }`, or no body for events without fields. The role and
 * the acting user come from the caller's token; `role` or `actorId` left in the body by an
 * older client are ignored, so a body can never choose who acts. A payload string that holds
 * a NIK or No. KK number (also written with spaces, dots or dashes) is refused.
 */
export function parseCommandBody(body: unknown): CommandBody {
  if (body === undefined || body === null) return { payload: {} };
  const { payload } = jsonObjectBody(body);
  if (payload !== undefined && !isRecord(payload)) {
    throw new ValidationFailed([
      { field: 'payload', reason: 'must be an object with the event fields' },
    ]);
  }
  // Payloads go into workflow history, which must never hold a NIK, however it is written.
  const niks = nikProblemsIn(payload, 'payload');
  if (niks.length > 0) throw new ValidationFailed(niks);
  return { payload: (payload as Record<string, unknown>) ?? {} };
}

export function programmeWorkflowId(programId: string): string {
  return `programme-${programId}`;
}

export interface ProposedPersonInput {
  readonly nik: string;
  readonly kelurahanCode: string;
  /** The family card number, when stated: verval's one-parcel-per-family rule needs it. */
  readonly noKk?: string;
  /** `dampak_covid` as written; verval judges it (libs/domain/covid-impact.ts). */
  readonly covidImpact?: string;
}

/** As long as the file import's `dampak_covid` column may be. */
const MAX_COVID_IMPACT = 300;

export interface ProposalUpload {
  readonly persons: readonly ProposedPersonInput[];
}

/** Where the persons are proposed: the kecamatan and its kelurahan codes (from `region`). */
export interface ProposalArea {
  readonly kecamatanCode: string;
  readonly kelurahanCodes: ReadonlySet<string>;
}

const MAX_UPLOAD = 100_000;

/**
 * One person as the file import reads one row (docs/import.md): the NIK by the same rule
 * for every way in (id-number-text.ts), the kelurahan one of the kecamatan's. Problems
 * are pushed under `at` (e.g. `persons[3].`); values are never quoted.
 */
function parsePerson(
  person: unknown,
  area: ProposalArea,
  at: string,
  problems: FieldProblem[],
): ProposedPersonInput | undefined {
  if (!isRecord(person)) {
    problems.push({
      field: at || 'body',
      reason: 'must be an object { nik, kelurahanCode, noKk?, covidImpact? }',
    });
    return undefined;
  }
  const field = (name: string) => (at ? `${at}.${name}` : name);
  const idNumber = (name: 'nik' | 'noKk'): string | undefined => {
    const value = person[name];
    if (typeof value !== 'string') {
      problems.push({ field: field(name), reason: 'must be text of 16 digits' });
      return undefined;
    }
    const read = readIdNumber(value);
    if (read.ok) return read.value;
    problems.push({ field: field(name), reason: read.reason });
    return undefined;
  };
  const nik = idNumber('nik');
  const noKk = person.noKk === undefined ? undefined : idNumber('noKk');
  // Stored as written: whether it is an allowed impact is verval's call, with its reason.
  const { covidImpact } = person;
  const impactOk =
    covidImpact === undefined ||
    (typeof covidImpact === 'string' && covidImpact.length <= MAX_COVID_IMPACT);
  if (!impactOk) {
    problems.push({
      field: field('covidImpact'),
      reason: `must be text of at most ${MAX_COVID_IMPACT} characters`,
    });
  }
  const code = typeof person.kelurahanCode === 'string' ? person.kelurahanCode.trim() : undefined;
  if (code === undefined || !code.startsWith(`${area.kecamatanCode}.`) || code.length !== 13) {
    problems.push({
      field: field('kelurahanCode'),
      reason: `must be a kelurahan code of kecamatan ${area.kecamatanCode}`,
    });
  } else if (!area.kelurahanCodes.has(code)) {
    // Checked here, not left to the foreign key: a client's mistake is a 400, not a 500.
    problems.push({ field: field('kelurahanCode'), reason: 'is not a known kelurahan code' });
  } else if (nik !== undefined && (person.noKk === undefined || noKk !== undefined) && impactOk) {
    return {
      nik,
      kelurahanCode: code,
      ...(noKk === undefined ? {} : { noKk }),
      ...(covidImpact === undefined ? {} : { covidImpact }),
    };
  }
  return undefined;
}

/**
 * A batch of proposed persons sent as JSON, read as the file import reads a file.
 * Structure only: whether a NIK is valid, resident or excluded is verval's call, and
 * verval states its reasons.
 */
export function parseProposalUpload(body: unknown, area: ProposalArea): ProposalUpload {
  const { persons } = jsonObjectBody(body);
  if (!Array.isArray(persons) || persons.length === 0 || persons.length > MAX_UPLOAD) {
    throw new ValidationFailed([
      {
        field: 'persons',
        reason: `must be a list of 1 to ${MAX_UPLOAD} { nik, kelurahanCode, noKk?, covidImpact? }`,
      },
    ]);
  }
  const problems: FieldProblem[] = [];
  const parsed = persons.map((person: unknown, index) =>
    parsePerson(person, area, `persons[${index}]`, problems),
  );
  if (problems.length > 0) throw new ValidationFailed(problems);
  return { persons: parsed as ProposedPersonInput[] };
}

/**
 * A returned person's correction `{ nik, kelurahanCode, noKk?, covidImpact? }`, read as an
 * upload's person; a No. KK or Covid-19 impact left out keeps its value.
 */
export function parseProposalCorrection(body: unknown, area: ProposalArea): ProposedPersonInput {
  const problems: FieldProblem[] = [];
  const person = parsePerson(body, area, '', problems);
  if (problems.length > 0 || !person) throw new ValidationFailed(problems);
  return person;
}

/** The command named in a path, checked against the commands a workflow takes. */
export function parseCommandName<Name extends string>(known: readonly Name[], name: string): Name {
  if (!(known as readonly string[]).includes(name)) {
    throw new ValidationFailed([
      { field: 'command', reason: `must be one of ${known.join(', ')}` },
    ]);
  }
  return name as Name;
}

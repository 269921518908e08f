import { jsonObjectBody, ValidationFailed, type FieldProblem } from './errors';
import { readIdNumber } from './id-number-text';
import { isKecamatanCodeFormat, KABUPATEN_KOTA_CODE, KOTA_SEMARANG_CODE } from './region';
import { containsNik, NIK_IN_TEXT_REASON, nikProblemsIn } from './nik-in-text';
import { EXCLUSION_REGISTERS, type ExclusionRegister } from './verval';
import { parseDuration } from '../config/durations';
import { STEPS } from '../sop/steps';
import { isRecord, PROGRAM_ID } from '../shared';

/**
 * What a programme sets for itself, checked at its start; what it leaves out comes from
 * the server's config (SOP_STEP_SLA, SOP_SLA_BY_STEP, SOP_DELIVERY_GRACE).
 */
export interface ProgrammeSettings {
  /** Default time a step may take before an allocation is flagged stuck. */
  readonly stepSlaMs?: number;
  /** Per-step overrides, keyed by step slug (libs/sop/steps.ts). */
  readonly slaByStepMs?: Readonly<Record<string, number>>;
  readonly deliveryGraceMs?: number;
  /** Rupiah each KPM's parcel is worth, as the SK states it. */
  readonly amountPerKpm?: number;
  /** The exclusion registers in force for this programme. */
  readonly exclusionRegisters?: readonly ExclusionRegister[];
}

export interface StartProgrammeCommand {
  readonly programId: string;
  /** The kabupaten/kota the programme belongs to; every kecamatan must lie in it. */
  readonly kotaCode: string;
  readonly allocations: readonly { kecamatanCode: string; quota: number }[];
  readonly settings: ProgrammeSettings;
}

/** A transition request: only the event's fields. Who acts comes from the bearer token. */
export interface CommandBody {
  readonly payload: Record<string, unknown>;
}

const MAX_QUOTA = 1_000_000;
const MAX_AMOUNT_PER_KPM = 100_000_000;
const STEP_SLUGS: readonly string[] = STEPS.map((s) => s.step);
const DURATION_REASON = 'must be a duration like 90s, 30m, 72h or 3d';

/** `settings` of a programme start: every bad field named, under `settings.` */
function parseSettings(settings: unknown, problems: FieldProblem[]): ProgrammeSettings {
  if (settings === undefined) return {};
  if (!isRecord(settings)) {
    problems.push({ field: 'settings', reason: 'must be an object' });
    return {};
  }
  const known = ['stepSla', 'slaByStep', 'deliveryGrace', 'amountPerKpm', 'exclusionRegisters'];
  for (const key of Object.keys(settings).filter((k) => !known.includes(k))) {
    problems.push({ field: `settings.${key}`, reason: `is not a setting (${known.join(', ')})` });
  }
  const duration = (value: unknown, field: string): number | undefined => {
    if (value === undefined) return undefined;
    const ms = typeof value === 'string' ? parseDuration(value) : undefined;
    if (ms === undefined || ms <= 0) problems.push({ field, reason: DURATION_REASON });
    return ms;
  };
  const parsed: {
    -readonly [K in keyof ProgrammeSettings]: ProgrammeSettings[K];
  } = {};
  const stepSlaMs = duration(settings.stepSla, 'settings.stepSla');
  if (stepSlaMs) parsed.stepSlaMs = stepSlaMs;
  const deliveryGraceMs = duration(settings.deliveryGrace, 'settings.deliveryGrace');
  if (deliveryGraceMs) parsed.deliveryGraceMs = deliveryGraceMs;
  if (settings.slaByStep !== undefined) {
    if (!isRecord(settings.slaByStep)) {
      problems.push({
        field: 'settings.slaByStep',
        reason: 'must be an object { step: duration }',
      });
    } else {
      const byStep: Record<string, number> = {};
      for (const [step, value] of Object.entries(settings.slaByStep)) {
        const field = `settings.slaByStep.${step}`;
        if (!STEP_SLUGS.includes(step)) {
          problems.push({ field, reason: `is not a step (${STEP_SLUGS.join(', ')})` });
          continue;
        }
        const ms = duration(value, field);
        if (ms) byStep[step] = ms;
      }
      parsed.slaByStepMs = byStep;
    }
  }
  const { amountPerKpm, exclusionRegisters } = settings;
  if (amountPerKpm !== undefined) {
    if (
      typeof amountPerKpm !== 'number' ||
      !Number.isInteger(amountPerKpm) ||
      amountPerKpm < 1 ||
      amountPerKpm > MAX_AMOUNT_PER_KPM
    ) {
      problems.push({
        field: 'settings.amountPerKpm',
        reason: `must be a whole number of rupiah from 1 to ${MAX_AMOUNT_PER_KPM}`,
      });
    } else {
      parsed.amountPerKpm = amountPerKpm;
    }
  }
  if (exclusionRegisters !== undefined) {
    const registers: readonly string[] = EXCLUSION_REGISTERS;
    if (
      !Array.isArray(exclusionRegisters) ||
      !exclusionRegisters.every((r) => typeof r === 'string' && registers.includes(r)) ||
      new Set(exclusionRegisters).size !== exclusionRegisters.length
    ) {
      problems.push({
        field: 'settings.exclusionRegisters',
        reason: `must be a list without repeats of ${EXCLUSION_REGISTERS.join(', ')}`,
      });
    } else {
      parsed.exclusionRegisters = exclusionRegisters as ExclusionRegister[];
    }
  }
  return parsed;
}

/**
 * Parses an untrusted request body; reports every bad field at once. A body without
 * `kotaCode` is Kota Semarang's, as every programme was before programmes named their kota.
 */
export function parseStartProgramme(body: unknown): StartProgrammeCommand {
  const problems: FieldProblem[] = [];
  const { programId, allocations, kotaCode = KOTA_SEMARANG_CODE, settings } = jsonObjectBody(body);
  const kotaOk = typeof kotaCode === 'string' && KABUPATEN_KOTA_CODE.test(kotaCode);
  if (!kotaOk) {
    problems.push({ field: 'kotaCode', reason: 'must be a kabupaten/kota code like 33.74' });
  }
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
      } else if (kotaOk && !kecamatanCode.startsWith(`${kotaCode}.`)) {
        problems.push({
          field: `${at}.kecamatanCode`,
          reason: `${kecamatanCode} is not a kecamatan of kabupaten/kota ${kotaCode}`,
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
  const parsedSettings = parseSettings(settings, problems);
  if (problems.length > 0) throw new ValidationFailed(problems);
  return {
    programId: programId as string,
    kotaCode: kotaCode as string,
    allocations: (allocations as { kecamatanCode: string; quota: number }[]).map((a) => ({
      kecamatanCode: a.kecamatanCode,
      quota: a.quota,
    })),
    settings: parsedSettings,
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

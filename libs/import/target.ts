import { parseAllocationId } from '../domain/allocation';
import { type FieldProblem, ValidationFailed } from '../domain/errors';
import { EXCLUSION_REGISTERS, type ExclusionRegister } from '../domain/verval';
import { isCalendarDate } from '../shared';

/** The allocation a proposal file goes to: `allocation-<programId>-<kecamatanCode>`. */
export interface AllocationTarget {
  readonly workflowId: string;
  readonly programId: string;
  readonly kecamatanCode: string;
}

export function parseAllocationTarget(workflowId: string): AllocationTarget {
  const parsed = parseAllocationId(workflowId);
  if (!parsed) {
    throw new ValidationFailed([
      {
        field: 'allocationId',
        reason:
          'must look like allocation-<programId>-<kecamatanCode>, e.g. allocation-jps-2021-33.74.01',
      },
    ]);
  }
  return { workflowId, ...parsed };
}

/** The kecamatan's request letter (SOP step 2) that comes with its proposal file. */
export interface RequestLetter {
  readonly letterNo: string;
  readonly letterDate: string;
  /** The SOP requires the letter acknowledged by the Camat (as in SUBMIT_REQUEST_LETTER). */
  readonly acknowledgedByCamat: true;
  readonly submittedBy: string;
}

export interface ExclusionVersionInput {
  readonly register: ExclusionRegister;
  readonly versionLabel: string;
  readonly validOn: string;
  readonly source: string;
}

type Fields = Record<string, unknown>;

/** A field's text without spaces around it; '' for a field that is not text. */
function trimmedText(fields: Fields, name: string): string {
  const value = fields[name];
  return typeof value === 'string' ? value.trim() : '';
}

function text(fields: Fields, name: string, max: number, problems: FieldProblem[]): string {
  const trimmed = trimmedText(fields, name);
  if (trimmed.length === 0 || trimmed.length > max) {
    problems.push({ field: name, reason: `is required, 1-${max} characters` });
  }
  return trimmed;
}

function date(fields: Fields, name: string, problems: FieldProblem[]): string {
  const value = trimmedText(fields, name);
  if (!isCalendarDate(value)) problems.push({ field: name, reason: 'must be a date YYYY-MM-DD' });
  return value;
}

const YES = ['true', '1', 'yes', 'ya'];

/** Form fields arrive as text; a JSON body may send a real boolean. */
function acknowledged(fields: Fields, problems: FieldProblem[]): true {
  const value = fields.acknowledgedByCamat;
  const yes =
    value === true || (typeof value === 'string' && YES.includes(value.trim().toLowerCase()));
  if (!yes) {
    problems.push({
      field: 'acknowledgedByCamat',
      reason: 'must be true: the request letter must be acknowledged by the Camat',
    });
  }
  return true;
}

export function parseRequestLetter(fields: Fields): RequestLetter {
  const problems: FieldProblem[] = [];
  const letter: RequestLetter = {
    letterNo: text(fields, 'letterNo', 100, problems),
    letterDate: date(fields, 'letterDate', problems),
    acknowledgedByCamat: acknowledged(fields, problems),
    submittedBy: text(fields, 'submittedBy', 120, problems),
  };
  if (problems.length > 0) throw new ValidationFailed(problems);
  return letter;
}

export function parseExclusionVersion(register: string, fields: Fields): ExclusionVersionInput {
  const problems: FieldProblem[] = [];
  const name = register.trim().toUpperCase();
  if (!(EXCLUSION_REGISTERS as readonly string[]).includes(name)) {
    problems.push({
      field: 'register',
      reason: `must be one of ${EXCLUSION_REGISTERS.join(', ')}`,
    });
  }
  const input: ExclusionVersionInput = {
    register: name as ExclusionRegister,
    versionLabel: text(fields, 'versionLabel', 60, problems),
    validOn: date(fields, 'validOn', problems),
    source: text(fields, 'source', 200, problems),
  };
  if (problems.length > 0) throw new ValidationFailed(problems);
  return input;
}

export type ImportFormat = 'csv' | 'xlsx';

/** The format from the file name; anything else is refused before reading a byte. */
export function formatOf(fileName: string): ImportFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  throw new ValidationFailed([{ field: 'file', reason: 'must be a .csv or .xlsx file' }]);
}

import { ValidationFailed, type FieldProblem } from './errors';
import { isKecamatanCodeFormat } from './region';

/** What starting an allocation needs: which programme, which kecamatan, how many parcels. */
export interface StartAllocationCommand {
  readonly programId: string;
  readonly kecamatanCode: string;
  readonly quota: number;
}

const PROGRAM_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** Parses an untrusted request body; reports every bad field at once. */
export function parseStartAllocation(body: unknown): StartAllocationCommand {
  const problems: FieldProblem[] = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailed([{ field: 'body', reason: 'must be a JSON object' }]);
  }
  const input = body as Record<string, unknown>;

  const { programId, kecamatanCode, quota } = input;
  if (typeof programId !== 'string' || !PROGRAM_ID.test(programId)) {
    problems.push({
      field: 'programId',
      reason: 'must be 2-63 lowercase letters, digits or dashes, starting with a letter or digit',
    });
  }
  if (typeof kecamatanCode !== 'string' || !isKecamatanCodeFormat(kecamatanCode)) {
    problems.push({ field: 'kecamatanCode', reason: 'must be a kecamatan code like 33.74.01' });
  }
  if (typeof quota !== 'number' || !Number.isInteger(quota) || quota < 1 || quota > 1_000_000) {
    problems.push({
      field: 'quota',
      reason: 'must be a whole number of parcels from 1 to 1000000',
    });
  }
  if (problems.length > 0) throw new ValidationFailed(problems);

  return {
    programId: programId as string,
    kecamatanCode: kecamatanCode as string,
    quota: quota as number,
  };
}

/**
 * Workflow ids are built from the programme and the kecamatan code only, never from
 * personal data, so they are safe to show in the Web UI and in URLs.
 */
export function allocationWorkflowId(programId: string, kecamatanCode: string): string {
  return `allocation-${programId}-${kecamatanCode}`;
}

import { ALLOCATION_ID } from '../shared';

/**
 * Workflow ids are built from the programme and the kecamatan code only, never from
 * personal data, so they are safe to show in the Web UI and in URLs.
 */
export function allocationWorkflowId(programId: string, kecamatanCode: string): string {
  return `allocation-${programId}-${kecamatanCode}`;
}

/** The programme and kecamatan an allocation id names, or undefined for any other text. */
export function parseAllocationId(
  workflowId: string,
): { programId: string; kecamatanCode: string } | undefined {
  const match = ALLOCATION_ID.exec(workflowId);
  return match ? { programId: match[1], kecamatanCode: match[2] } : undefined;
}

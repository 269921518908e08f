/**
 * Workflow ids are built from the programme and the kecamatan code only, never from
 * personal data, so they are safe to show in the Web UI and in URLs.
 */
export function allocationWorkflowId(programId: string, kecamatanCode: string): string {
  return `allocation-${programId}-${kecamatanCode}`;
}

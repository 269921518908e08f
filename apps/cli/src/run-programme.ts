import { loadConfig } from '../../../libs/config/app-config';
import { ApiClient, ApiError } from './api-client';

/**
 * The main job: opens one allocation per kecamatan of Kota Semarang for a programme,
 * through the API as Dinsos would, and prints where each one stands.
 */
const KECAMATAN_QUOTAS: Record<string, number> = {
  '33.74.01': 4200,
  '33.74.02': 4800,
  '33.74.03': 5100,
  '33.74.04': 6300,
  '33.74.05': 5600,
  '33.74.06': 4400,
  '33.74.07': 7400,
  '33.74.08': 6100,
  '33.74.09': 5300,
  '33.74.10': 6900,
  '33.74.11': 5200,
  '33.74.12': 5000,
  '33.74.13': 6800,
  '33.74.14': 4100,
  '33.74.15': 6600,
  '33.74.16': 5900,
};

interface AllocationView {
  id: string;
  kecamatanCode: string;
  quota: number;
  step: string;
  stepNo: number;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const programId = process.argv[2] ?? 'jps-2021';
  const api = new ApiClient(`http://127.0.0.1:${config.api.port}`);

  const ids: string[] = [];
  for (const [kecamatanCode, quota] of Object.entries(KECAMATAN_QUOTAS)) {
    try {
      const { id } = await api.post<{ id: string }>('/allocations', {
        programId,
        kecamatanCode,
        quota,
      });
      ids.push(id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        ids.push(`allocation-${programId}-${kecamatanCode}`);
        continue;
      }
      throw error;
    }
  }

  const rows: AllocationView[] = [];
  for (const id of ids) rows.push(await waitForRecord(api, id));
  const table = rows.map((r) => ({
    kecamatan: r.kecamatanCode,
    quota: r.quota,
    step: `${r.stepNo} ${r.step}`,
  }));
  process.stdout.write(`\nProgramme ${programId}: ${rows.length} allocations\n`);
  process.stdout.write(formatTable(table));
}

async function waitForRecord(api: ApiClient, id: string): Promise<AllocationView> {
  for (let attempt = 0; ; attempt++) {
    const view = await api.get<AllocationView>(`/allocations/${id}`);
    if (view.stepNo > 1 || attempt > 50) return view;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function formatTable(rows: Record<string, string | number>[]): string {
  if (rows.length === 0) return '';
  const headers = Object.keys(rows[0]);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ') + '\n';
  return (
    line(headers) +
    line(widths.map((w) => '-'.repeat(w))) +
    rows.map((r) => line(headers.map((h) => String(r[h])))).join('')
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Main job failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

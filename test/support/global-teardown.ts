import { readFileSync } from 'node:fs';
import { runInfra, SERVICES_STATE_FILE } from './services';

/** Stops only what global-setup started. */
export default function globalTeardown(): void {
  const state = JSON.parse(readFileSync(SERVICES_STATE_FILE, 'utf8')) as {
    startedPostgres: boolean;
    startedTemporal: boolean;
  };
  if (state.startedTemporal) runInfra('temporal', 'stop');
  if (state.startedPostgres) runInfra('postgres', 'stop');
}

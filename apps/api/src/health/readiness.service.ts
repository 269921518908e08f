import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TemporalClientProvider } from '../../../../libs/temporal';

export type CheckState = 'up' | 'down';

export interface Readiness {
  readonly status: 'ready' | 'unavailable';
  readonly checks: { readonly postgres: CheckState; readonly temporal: CheckState };
}

/** Each check gets this long; /ready must answer quickly even when a service hangs. */
const CHECK_TIMEOUT_MS = 2_000;
const SHARED_FOR_MS = 1_000;

/** Whether the API can serve: PostgreSQL answers `SELECT 1` and Temporal answers a cheap call. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientProvider,
  ) {}

  private inFlight?: Promise<Readiness>;
  private last?: { at: number; readiness: Readiness };

  /**
   * One probe of each service at a time, its answer shared for a second: 50 clients polling
   * /ready make one call to each service, not 50 that slow each other past the timeout
   * (which made /ready answer "temporal down" now and then while Temporal was fine).
   */
  async check(): Promise<Readiness> {
    if (this.last && Date.now() - this.last.at < SHARED_FOR_MS) return this.last.readiness;
    this.inFlight ??= this.probeAll().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async probeAll(): Promise<Readiness> {
    const [postgres, temporal] = await Promise.all([
      probe(() => this.pingPostgres()),
      probe(() => this.pingTemporal()),
    ]);
    const readiness: Readiness = {
      status: postgres === 'up' && temporal === 'up' ? 'ready' : 'unavailable',
      checks: { postgres, temporal },
    };
    this.last = { at: Date.now(), readiness };
    return readiness;
  }

  private async pingPostgres(): Promise<void> {
    // Not initialised: TypeORM gave up connecting at boot.
    if (!this.dataSource.isInitialized) throw new Error('data source not initialised');
    await this.dataSource.query('SELECT 1');
  }

  private async pingTemporal(): Promise<void> {
    const client = await this.temporal.get();
    await client.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
      client.workflowService.getSystemInfo({}),
    );
  }
}

async function probe(ping: () => Promise<void>): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([ping(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

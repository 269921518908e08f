import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import {
  type HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { TemporalHealthIndicator } from './temporal.health';

export type CheckState = 'up' | 'down';

export interface Readiness {
  readonly status: 'ready' | 'unavailable';
  readonly checks: { readonly postgres: CheckState; readonly temporal: CheckState };
}

/** Each check gets this long; /ready must answer quickly even when a service hangs. */
const CHECK_TIMEOUT_MS = 2_000;
const SHARED_FOR_MS = 1_000;

/**
 * Whether the API can serve: terminus runs its TypeORM ping (`SELECT 1`) and our Temporal
 * indicator side by side; the answer keeps the shape clients and scripts read.
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly dataSource: DataSource,
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
    const result = await this.health
      .check([
        () =>
          this.postgres.pingCheck('postgres', {
            connection: this.dataSource,
            timeout: CHECK_TIMEOUT_MS,
          }),
        () => this.temporal.isReachable('temporal', CHECK_TIMEOUT_MS),
      ])
      .catch((error: unknown) => {
        // terminus answers "something is down" by throwing its result.
        if (error instanceof ServiceUnavailableException) {
          return error.getResponse() as HealthCheckResult;
        }
        throw error;
      });
    const state = (key: 'postgres' | 'temporal'): CheckState =>
      result.details[key]?.status === 'up' ? 'up' : 'down';
    const checks = { postgres: state('postgres'), temporal: state('temporal') };
    const readiness: Readiness = {
      status: checks.postgres === 'up' && checks.temporal === 'up' ? 'ready' : 'unavailable',
      checks,
    };
    this.last = { at: Date.now(), readiness };
    return readiness;
  }
}

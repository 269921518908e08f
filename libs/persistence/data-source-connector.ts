import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { outsideRequest } from '../logging/request-context';

const RETRY_EVERY_MS = 2_000;

/**
 * Connects the data source in the background, so the API and the worker start (and answer
 * /health, and /ready 503 naming PostgreSQL) while PostgreSQL is down, and connect when it
 * returns. Until then a query fails with TypeORM's "not connected", which the API maps to 503.
 */
@Injectable()
export class DataSourceConnector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PostgreSQL');
  private stopped = false;
  private connecting?: Promise<void>;

  constructor(private readonly dataSource: DataSource) {}

  /** The first try is awaited (a boot with PostgreSQL up is ready when it ends); the rest not. */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.tryConnect(1)) return;
    this.connecting = this.connectUntilUp();
  }

  /** Resolves once connected (or shut down first). */
  whenConnected(): Promise<void> {
    return this.connecting ?? Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.connecting;
  }

  private async connectUntilUp(): Promise<void> {
    for (let attempt = 2; !this.stopped; attempt++) {
      await sleep(RETRY_EVERY_MS);
      if (this.stopped || (await this.tryConnect(attempt))) return;
    }
  }

  private async tryConnect(attempt: number): Promise<boolean> {
    // Handed one already connected (tests share theirs): nothing to do, nothing to drop.
    if (this.dataSource.isInitialized) return true;
    try {
      await this.dataSource.initialize();
      detachPoolFromRequests(this.dataSource);
      if (attempt > 1) this.logger.log(`connected after ${attempt} attempts`);
      return true;
    } catch (error) {
      // A failed initialize leaves a pool behind; drop it before the next try.
      await this.dropPool();
      if (attempt === 1 || attempt % 15 === 0) {
        this.logger.warn(
          `not reachable, retrying every ${RETRY_EVERY_MS / 1000} s: ${reason(error)}`,
        );
      }
      return false;
    }
  }

  private async dropPool(): Promise<void> {
    const driver = this.dataSource.driver as PostgresDriver;
    const pool = driver.master as Pool | undefined;
    driver.master = undefined;
    await pool?.end().catch(() => undefined);
  }
}

/**
 * pg creates a connection's socket, and so its event handlers, inside whatever request first
 * needed it; the request's log context then tags the pool's later warnings (an idle connection
 * dropped) with that finished request's id. New connections are made outside any request.
 */
export function detachPoolFromRequests(dataSource: DataSource): void {
  const pool = (dataSource.driver as PostgresDriver).master as Pool | undefined;
  if (!pool) return;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as { connect: unknown }).connect = (...args: unknown[]) =>
    outsideRequest(() => connect(...args));
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
}

import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { TemporalClientProvider } from '@salur/libs/temporal';

/**
 * Temporal as a terminus health indicator: up when the frontend answers a cheap call
 * (`GetSystemInfo`) within the timeout. Connecting counts against the same timeout, so a
 * Temporal that hangs makes /ready answer "down" quickly, not hang with it.
 */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly temporal: TemporalClientProvider,
  ) {}

  async isReachable<const Key extends string>(key: Key, timeoutMs: number) {
    const check = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timeout of ${timeoutMs}ms exceeded`)), timeoutMs);
    });
    try {
      await Promise.race([this.ping(timeoutMs), timeout]);
      return check.up();
    } catch (error) {
      return check.down(error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  private async ping(timeoutMs: number): Promise<void> {
    const client = await this.temporal.get();
    await client.connection.withDeadline(Date.now() + timeoutMs, () =>
      client.workflowService.getSystemInfo({}),
    );
  }
}

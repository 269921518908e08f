import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';
import { TemporalHealthIndicator } from './temporal.health';

@Module({
  // /ready names what is down; the connectors already log why, so terminus logs nothing more
  // (a client polling an API that waits for PostgreSQL would add an error line a second).
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [ReadinessService, TemporalHealthIndicator],
})
export class HealthModule {}

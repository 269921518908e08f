import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own log lines, through the application's logger (JSON, NIKs redacted), and
 * never with a statement's parameters: those carry NIKs, names and addresses. A failed
 * statement is not logged here. Its error reaches the caller, which answers for it: many
 * are expected refusals (a signed SK, a judged person, a duplicate upload), and the API
 * logs what is unexpected, redacted, under the request's id.
 */
export class TypeOrmLog implements TypeOrmLogger {
  private readonly logger = new Logger('TypeORM');

  logQuery(): void {}

  logQueryError(): void {}

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow statement (${time} ms): ${query.trim().split('\n')[0]}`);
  }

  logSchemaBuild(): void {}

  logMigration(): void {}

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(message);
  }
}

import type { Logger as TemporalLogger, LogLevel, LogMetadata } from '@temporalio/common';
import type { Level, Logger } from 'pino';

const PINO_LEVEL: Record<LogLevel, Level> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal SDK's logger (`Runtime.install({ logger })`) writing through the process's pino
 * logger: the SDK's own lines, workflow `log` and activity `Context.log` become JSON lines with
 * `context: "Temporal"` and the SDK's metadata (workflow id, activity type, ...) as fields.
 */
export function temporalLogger(logger: Logger): TemporalLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata): void => {
    logger[PINO_LEVEL[level]]({ context: 'Temporal', ...meta }, message);
  };
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

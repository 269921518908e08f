import { pino, type DestinationStream, type Logger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { redactLogLine } from './redact-log-line';

/**
 * Secrets that must never be logged even if a record carries them: credentials in headers, and
 * passwords and tokens in any object one level down. Request lines carry no headers or bodies
 * at all (`apps/api/src/logging/http-logger.ts`); this is the net under that rule.
 */
export const SECRET_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
  'accessToken',
  '*.accessToken',
  'token',
  '*.token',
];

export interface LoggerOptions {
  readonly level: AppConfig['logLevel'];
  /** Where lines go: stdout, unless a test captures them. */
  readonly destination?: DestinationStream;
}

/**
 * The one pino logger of a process (API or worker): one JSON object per line with `time`,
 * `level` (a word), `message` and whatever the record adds; secrets censored; every NIK masked.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      messageKey: 'message',
      // No pid or hostname: one process per log file, and the host is the file's, not each line's.
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_LOG_PATHS, censor: '[redacted]' },
      hooks: { streamWrite: redactLogLine },
    },
    // Synchronous, so the line saying why a process stops is written before it exits.
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { AppConfig } from '../config';
import { redactPii } from './redact-pii';
import { requestContext, userIdOf } from './request-context';

type Level = 'debug' | 'info' | 'warn' | 'error' | 'fatal';

const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3, fatal: 4 };

const LEVEL_OF_NEST: Record<NestLogLevel, Level> = {
  verbose: 'debug',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

/** What one request line adds to the common fields. */
export interface RequestLogFields {
  readonly requestId: string;
  readonly userId?: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
}

export interface JsonLoggerOptions {
  readonly level: AppConfig['logLevel'];
  /** Where each line goes; stdout unless a test captures it. */
  readonly write?: (line: string) => void;
}

/**
 * Nest's LoggerService writing one JSON object per line: time, level, context, message,
 * and requestId / userId of the request being served. Every text is passed through
 * redactPii, so a NIK never reaches the log in clear, whoever logged it.
 */
export class JsonLogger implements LoggerService {
  private threshold: number;
  private readonly write: (line: string) => void;

  constructor(options: JsonLoggerOptions) {
    this.threshold = RANK[options.level];
    this.write = options.write ?? ((line) => process.stdout.write(line));
  }

  log(message: unknown, ...params: unknown[]): void {
    this.entry('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.entry('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.entry('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.entry('debug', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.entry('error', message, params, true);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.entry('fatal', message, params, true);
  }

  /** Nest narrows levels with this (e.g. `logger: ['error']`); the lowest one given wins. */
  setLogLevels(levels: NestLogLevel[]): void {
    const ranks = levels.map((level) => RANK[LEVEL_OF_NEST[level]]);
    this.threshold = ranks.length > 0 ? Math.min(...ranks) : RANK.fatal + 1;
  }

  /** The one line per HTTP request. 5xx are errors, 4xx warnings, the rest info. */
  request(fields: RequestLogFields): void {
    const level: Level = fields.status >= 500 ? 'error' : fields.status >= 400 ? 'warn' : 'info';
    if (RANK[level] < this.threshold) return;
    this.emit({
      level,
      context: 'HTTP',
      message: `${fields.method} ${fields.path} ${fields.status} ${fields.durationMs}ms`,
      ...fields,
    });
  }

  private entry(level: Level, message: unknown, params: unknown[], mayHaveStack = false): void {
    if (RANK[level] < this.threshold) return;
    // Nest's convention: a trailing string is the context; for errors a string before it is the stack.
    const strings = params.filter((param): param is string => typeof param === 'string');
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    let stack = mayHaveStack && strings.length > 1 ? strings[strings.length - 2] : undefined;
    let text: string;
    if (message instanceof Error) {
      text = message.message;
      stack ??= message.stack;
    } else if (typeof message === 'string') {
      text = message;
    } else {
      text = safeStringify(message);
    }
    const current = requestContext.getStore();
    this.emit({
      level,
      context,
      message: text,
      requestId: current?.requestId,
      userId: current ? userIdOf(current.request) : undefined,
      stack,
    });
  }

  private emit(fields: Record<string, string | number | undefined> & { level: Level }): void {
    const line: Record<string, string | number> = { time: new Date().toISOString() };
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      line[key] = typeof value === 'string' ? redactPii(value) : value;
    }
    this.write(`${JSON.stringify(line)}\n`);
  }
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

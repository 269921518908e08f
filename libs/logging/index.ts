export * from './logger';
export * from './logging.module';
export * from './redact-log-line';
export * from './redact-pii';
export * from './request-context';
export * from './temporal-log';

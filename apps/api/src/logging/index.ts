export * from './json-logger';
export * from './logging.module';
export * from './redact-pii';
export * from './request-context';
export * from './request-id';

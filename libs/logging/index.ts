export * from './json-logger';
export * from './redact-pii';
export * from './request-context';

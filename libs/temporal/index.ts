export * from './names';
export * from './search-attributes';
export * from './temporal-client.module';
export * from './failures';
export * from './idempotency';
export * from './send-command';
export * from './payload-codec';

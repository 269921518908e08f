export * from './errors';
export * from './region';
export * from './allocation';
export * from './verval';
export * from './programme';
export * from './synthetic';
export * from './id-number-text';

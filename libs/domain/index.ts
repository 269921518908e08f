export * from './errors';
export * from './region';
export * from './allocation';

export * from './app-config';
export * from './config.module';
export * from './bench-config';
export * from './tool-config';
export * from './payload-keys';

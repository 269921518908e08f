export * from '../../../../libs/logging';
export * from './logging.module';
export * from './request-id';

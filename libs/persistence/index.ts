export * from './data-source-options';
export * from './persistence.module';
export * from './region.repository';
export * from './step-record.repository';
export * from './migrate';
export * from './proposal.repository';
export * from './verval.repository';
export * from './sk.repository';

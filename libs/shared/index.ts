// The ground under libs/: small pure helpers that import nothing, so every floor (and the
// workflow sandbox) can use them.
export * from './calendar-date';
export * from './is-record';
export * from './nip';
export * from './patterns';

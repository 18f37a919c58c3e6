export * from './data-source.js';
export * from './database.module.js';
export * from './database.tokens.js';
export * from './embedded-postgres.js';
export * from './keyset.js';
export * from './request-context.js';
export * from './tenant-database.js';
export * from './tenant-scoped.repository.js';

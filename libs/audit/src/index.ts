export * from './audit-action.decorator.js';
export * from './audit-chain.js';
export * from './audit-recorders.js';
export * from './audit-row.js';
export * from './audit.module.js';
export * from './audit.writer.js';
export * from './verify-chain.js';

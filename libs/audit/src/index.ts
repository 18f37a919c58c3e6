// Routes describe themselves for the audit trail with a decorator that lives lower, where the auth guards can read it.
export { AuditAction, type AuditActionSpec } from '#libs/http/src/audit-action.decorator.js';
export * from './audit-chain.js';
export * from './audit-recorders.js';
export * from './audit-row.js';
export * from './audit.module.js';
export * from './audit.writer.js';
export * from './chain-verifier.js';
export * from './checkpoint.js';
export * from './verify-chain.js';

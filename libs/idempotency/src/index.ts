export * from './canonical-json.js';
export * from './idempotency.interceptor.js';
export * from './idempotency.module.js';
export * from './idempotency.store.js';
export * from './idempotent.decorator.js';

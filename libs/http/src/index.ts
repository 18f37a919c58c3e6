export * from './all-exceptions.filter.js';
export * from './cors.js';
export * from './error-body.js';
export * from './logger.js';
export * from './pagination.js';
export * from './request-id.js';
export * from './security-headers.js';
export * from './validation.pipe.js';

export const DATABASE_POOL = Symbol('DATABASE_POOL');
/** Tenant-bound request connections only (see TenantDatabase). */
export const TENANT_POOL = Symbol('TENANT_POOL');
/** The event-pipeline workers' connections (see createWorkerPool). */
export const WORKER_POOL = Symbol('WORKER_POOL');

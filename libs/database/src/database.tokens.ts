export const DATABASE_POOL = Symbol('DATABASE_POOL');

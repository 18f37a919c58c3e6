import pg from 'pg';
import { startEmbeddedPostgres } from '../dist/libs/database/src/index.js';
const db = await startEmbeddedPostgres('.data/bench/postgres');
const pool = new pg.Pool({ connectionString: db.url, max: 20, connectionTimeoutMillis: 3000 });
const t0 = Date.now();
const results = await Promise.allSettled(Array.from({ length: 10 }, async () => { const c = await pool.connect(); await c.query('SELECT 1'); c.release(); }));
console.log('child elapsed', Date.now() - t0, results.filter(r => r.status === 'rejected').length, 'failed');
await pool.end(); await db.stop(); process.exit(0);

import pg from 'pg';
const pool = new pg.Pool({ connectionString: process.argv[2], max: 20, connectionTimeoutMillis: 3000, options: '-c role=admin_api_app' });
const t0 = Date.now();
const results = await Promise.allSettled(Array.from({ length: 50 }, async () => {
  const c = await pool.connect();
  await c.query('SELECT 1');
  c.release();
}));
console.log('elapsed', Date.now() - t0, results.filter(r => r.status === 'rejected').map(r => r.reason.message).slice(0, 2));
await pool.end();

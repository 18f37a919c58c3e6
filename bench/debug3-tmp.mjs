import { createApp } from '../dist/apps/api/src/create-app.js';
import { loadConfig } from '../dist/libs/config/src/index.js';
import { DATABASE_POOL } from '../dist/libs/database/src/index.js';
import { DevIssuer } from '../dist/libs/auth/src/dev-issuer.js';
const config = loadConfig({ LOG_LEVEL: 'error', DATA_DIR: '.data/bench', ADMIN_API_KEY: 'bench-admin-key-0123456789abcdef0123456789' });
const app = await createApp(config, process.env.DBURL);
await app.listen(3906, '127.0.0.1');
const pool = app.get(DATABASE_POOL);
const st = () => `total ${pool.totalCount} idle ${pool.idleCount} waiting ${pool.waitingCount}`;
const id = 't' + Date.now();
let r = await fetch('http://127.0.0.1:3906/v1/platform/tenants', {method:'POST', headers:{'content-type':'application/json','x-admin-api-key':'bench-admin-key-0123456789abcdef0123456789'}, body: JSON.stringify({id,name:'x',ownerUserId:'o1'})});
console.log('create', r.status, st());
const tok = new DevIssuer('.data/bench').sign('o1');
for (let i = 0; i < 3; i++) {
  r = await fetch(`http://127.0.0.1:3906/v1/members/m${i}`, {method:'PUT', headers:{'content-type':'application/json', authorization:`Bearer ${tok}`, 'x-organization-id': id}, body: JSON.stringify({role:'viewer'})});
  await new Promise(r => setTimeout(r, 50));
  console.log('put', r.status, st());
}
r = await fetch(`http://127.0.0.1:3906/v1/members`, {headers:{authorization:`Bearer ${tok}`, 'x-organization-id': id}});
await new Promise(r => setTimeout(r, 50));
console.log('get', r.status, st());
process.exit(0);

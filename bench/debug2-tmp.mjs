import { setupScenarios } from './scenarios.js';
const s = await setupScenarios('http://127.0.0.1:3905', { adminKey: 'bench-admin-key-0123456789abcdef0123456789', dataDir: '.data/bench2' });
const h = s[2].headers;
for (let i = 0; i < 3; i++) { const t = Date.now(); const r = await fetch('http://127.0.0.1:3905/v1/members', { headers: h }); console.log(r.status, Date.now() - t); }

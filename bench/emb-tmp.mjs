import { startEmbeddedPostgres } from '../dist/libs/database/src/index.js';
const db = await startEmbeddedPostgres('.data/bench/postgres');
console.log(db.url);
setInterval(() => {}, 100000);

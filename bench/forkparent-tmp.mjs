import { fork } from 'node:child_process';
const child = fork('bench/forkchild-tmp.mjs', [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
child.on('exit', (code) => console.log('exit', code));

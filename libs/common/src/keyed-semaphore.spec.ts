import { describe, expect, it } from '@jest/globals';
import { KeyedSemaphore } from './keyed-semaphore.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSemaphore', () => {
  it('runs at most `limit` tasks per key, in arrival order, and other keys freely', async () => {
    const semaphore = new KeyedSemaphore(2);
    const running: string[] = [];
    const started: string[] = [];
    const gates = new Map<string, () => void>();
    const task = (name: string) => () =>
      new Promise<string>((resolve) => {
        running.push(name);
        started.push(name);
        gates.set(name, () => {
          running.splice(running.indexOf(name), 1);
          resolve(name);
        });
      });
    const results = ['a1', 'a2', 'a3', 'a4'].map((name) => semaphore.run('a', task(name)));
    const other = semaphore.run('b', task('b1'));
    await tick();
    expect(running.sort()).toEqual(['a1', 'a2', 'b1']);
    gates.get('a2')!();
    await tick();
    expect(running.sort()).toEqual(['a1', 'a3', 'b1']);
    for (const name of ['a1', 'a3', 'b1']) gates.get(name)!();
    await tick();
    gates.get('a4')!();
    expect(await Promise.all([...results, other])).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
  });

  it('frees the slot when a task fails', async () => {
    const semaphore = new KeyedSemaphore(1);
    await expect(semaphore.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(semaphore.run('k', async () => 'next')).resolves.toBe('next');
  });
});

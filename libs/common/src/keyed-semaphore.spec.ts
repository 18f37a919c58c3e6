import { describe, expect, it } from '@jest/globals';
import { KeyedSemaphore } from './keyed-semaphore.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Tasks that run until released by name; `running` lists those started and not yet released. */
function harness() {
  const running: string[] = [];
  const started: string[] = [];
  const release = new Map<string, () => void>();
  const task = (name: string) => () =>
    new Promise<string>((resolve) => {
      running.push(name);
      started.push(name);
      release.set(name, () => {
        running.splice(running.indexOf(name), 1);
        resolve(name);
      });
    });
  return { running, started, task, release: (name: string) => release.get(name)!() };
}

describe('KeyedSemaphore', () => {
  it('runs tasks of a key while their weights fit, in arrival order, other keys freely', async () => {
    const semaphore = new KeyedSemaphore(2000);
    const { running, started, task, release } = harness();
    const results = [
      semaphore.run('a', 1000, task('a1')),
      semaphore.run('a', 1000, task('a2')),
      semaphore.run('a', 1000, task('a3')),
      semaphore.run('a', 1, task('a4')),
      semaphore.run('b', 1000, task('b1')),
    ];
    await tick();
    expect([...running].sort()).toEqual(['a1', 'a2', 'b1']);
    release('a2');
    await tick();
    // a3 takes the freed room; the light a4 waits behind it rather than overtaking.
    expect([...running].sort()).toEqual(['a1', 'a3', 'b1']);
    release('a1');
    await tick();
    expect([...running].sort()).toEqual(['a3', 'a4', 'b1']);
    for (const name of ['a3', 'a4', 'b1']) release(name);
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
  });

  it('lets many light tasks run together', async () => {
    const semaphore = new KeyedSemaphore(2000);
    const { running, task, release } = harness();
    const results = Array.from({ length: 50 }, (_, i) => semaphore.run('k', 1, task(`t${i}`)));
    await tick();
    expect(running).toHaveLength(50);
    for (let i = 0; i < 50; i += 1) release(`t${i}`);
    await Promise.all(results);
  });

  it('frees the room when a task fails', async () => {
    const semaphore = new KeyedSemaphore(1);
    await expect(semaphore.run('k', 1, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(semaphore.run('k', 5, () => Promise.resolve('next'))).resolves.toBe('next');
  });
});

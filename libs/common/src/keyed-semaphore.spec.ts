import { describe, expect, it } from '@jest/globals';
import { KeyedSemaphore, type Release, TurnRefused } from './keyed-semaphore.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Acquires by name and remembers who has been granted, in grant order. */
function harness(semaphore: KeyedSemaphore) {
  const granted: string[] = [];
  const releases = new Map<string, Release>();
  const acquire = (key: string, name: string, weight = 1, signal?: AbortSignal) =>
    semaphore.acquire(key, weight, signal).then((release) => {
      granted.push(name);
      releases.set(name, release);
      return name;
    });
  const running = () => [...releases.keys()].sort();
  const release = (name: string) => {
    releases.get(name)!();
    releases.delete(name);
  };
  return { granted, acquire, running, release };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'granted',
    (error: unknown) => (error instanceof TurnRefused ? error.reason : error),
  );

describe('KeyedSemaphore', () => {
  it('grants a key while the weights fit, in arrival order, other keys freely', async () => {
    const { granted, acquire, running, release } = harness(new KeyedSemaphore(2000));
    const results = [acquire('a', 'a1', 1000), acquire('a', 'a2', 1000), acquire('a', 'a3', 1000), acquire('a', 'a4', 1), acquire('b', 'b1', 1000)];
    await tick();
    expect(running()).toEqual(['a1', 'a2', 'b1']);
    release('a2');
    await tick();
    // a3 takes the freed room; the light a4 waits behind it rather than overtaking.
    expect(running()).toEqual(['a1', 'a3', 'b1']);
    release('a1');
    await tick();
    expect(running()).toEqual(['a3', 'a4', 'b1']);
    for (const name of ['a3', 'a4', 'b1']) release(name);
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
    expect(granted).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
  });

  it('lets many light requests hold a key together', async () => {
    const { acquire, running } = harness(new KeyedSemaphore(2000));
    await Promise.all(Array.from({ length: 50 }, (_, i) => acquire('k', `t${i}`)));
    expect(running()).toHaveLength(50);
  });

  it('counts a request heavier than the capacity as the whole capacity', async () => {
    const semaphore = new KeyedSemaphore(2);
    const release = await semaphore.acquire('k', 50);
    expect(semaphore.inUse('k')).toBe(2);
    release();
    expect(semaphore.inUse('k')).toBe(0);
  });

  it('refuses at once past the queue bound of a key, and only of that key', async () => {
    const semaphore = new KeyedSemaphore(1, { maxQueued: 2 });
    const { acquire, running, release } = harness(semaphore);
    await acquire('busy', 'holder');
    const queued = [acquire('busy', 'q1'), acquire('busy', 'q2')];
    expect(await refusal(acquire('busy', 'q3'))).toBe('queue_full');
    await acquire('quiet', 'other');
    expect(running()).toEqual(['holder', 'other']);
    release('holder');
    await tick();
    release('q1');
    expect(await Promise.all(queued)).toEqual(['q1', 'q2']);
  });

  it('refuses a waiter that waited longer than the limit, and hands its place on', async () => {
    const semaphore = new KeyedSemaphore(1, { maxWaitMs: 20 });
    const { acquire, running, release } = harness(semaphore);
    await acquire('k', 'holder');
    expect(await refusal(acquire('k', 'late'))).toBe('timeout');
    release('holder');
    await acquire('k', 'next');
    expect(running()).toEqual(['next']);
  });

  it('drops an aborted waiter from the queue: those behind it move up and no room is left taken', async () => {
    const semaphore = new KeyedSemaphore(2, { maxQueued: 3 });
    const { acquire, running, release } = harness(semaphore);
    await acquire('k', 'holder', 1);
    const gaveUp = new AbortController();
    // First in line and too heavy to fit: it holds back the light one behind it until it leaves.
    const heavy = refusal(acquire('k', 'heavy', 2, gaveUp.signal));
    const light = acquire('k', 'light', 1);
    await tick();
    expect(running()).toEqual(['holder']);
    gaveUp.abort();
    expect(await heavy).toBe('aborted');
    expect(await light).toBe('light');
    // Its place in the bounded queue is free again.
    const again = acquire('k', 'again', 2);
    release('holder');
    release('light');
    expect(await again).toBe('again');
    release('again');
    expect(semaphore.inUse('k')).toBe(0);
  });

  it('refuses an already aborted signal without queueing it', async () => {
    const semaphore = new KeyedSemaphore(1);
    const held = await semaphore.acquire('k', 1);
    expect(await refusal(semaphore.acquire('k', 1, AbortSignal.abort()))).toBe('aborted');
    held();
    expect(semaphore.inUse('k')).toBe(0);
  });

  it('frees the room once however often a release is called', async () => {
    const semaphore = new KeyedSemaphore(2);
    const first = await semaphore.acquire('k', 1);
    const second = await semaphore.acquire('k', 1);
    first();
    first();
    expect(semaphore.inUse('k')).toBe(1);
    second();
    expect(semaphore.inUse('k')).toBe(0);
  });

  it('grants what must finish past the capacity, and makes the next in line wait until it is back under', async () => {
    const semaphore = new KeyedSemaphore(1);
    const { acquire, running, release } = harness(semaphore);
    await acquire('k', 'holder');
    const nested = semaphore.takeNow('k', 1);
    expect(semaphore.inUse('k')).toBe(2);
    const waiting = acquire('k', 'waiting');
    release('holder');
    await tick();
    expect(running()).toEqual([]);
    nested();
    expect(await waiting).toBe('waiting');
  });

  it('tries without queueing: granted only when nobody waits and the weight fits', async () => {
    const semaphore = new KeyedSemaphore(2);
    const held = semaphore.tryAcquire('k', 2)!;
    expect(semaphore.tryAcquire('k', 1)).toBeUndefined();
    const waiting = semaphore.acquire('k', 2);
    held();
    const second = await waiting;
    expect(semaphore.tryAcquire('k', 1)).toBeUndefined();
    second();
    expect(semaphore.tryAcquire('k', 1)).toBeDefined();
  });
});

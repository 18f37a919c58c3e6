import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';

/** One storage for the process, so every instance (injected, or built where injection cannot reach) sees the same context. */
const storage = new AsyncLocalStorage<object>();

/**
 * Continuation-local state: what a request (or a unit of work detached from it) carries through every
 * call it makes, without request-scoped providers.
 */
@Injectable()
export class ClsService<S extends object = Record<string, unknown>> {
  isActive(): boolean {
    return storage.getStore() !== undefined;
  }

  /** The whole store of the active context; asking for it outside any context is a wiring bug. */
  get(): S;
  /** One value of the active context; undefined outside any context. */
  get<K extends keyof S>(key: K): S[K] | undefined;
  get<K extends keyof S>(key?: K): S | S[K] | undefined {
    const store = storage.getStore() as S | undefined;
    if (key !== undefined) return store?.[key];
    if (!store) throw new Error('No context is active');
    return store;
  }

  set<K extends keyof S>(key: K, value: S[K]): void {
    const store = storage.getStore() as S | undefined;
    if (!store) throw new Error(`No context is active to set '${String(key)}' in`);
    store[key] = value;
  }

  /** Runs `work` in a shallow copy of the active context (an empty one outside any): what it sets stays its own. */
  run<T>(work: () => T): T {
    return storage.run({ ...storage.getStore() }, work);
  }

  /** Runs `work` in `store`, whatever context is active around it. */
  runWith<T>(store: S, work: () => T): T {
    return storage.run(store, work);
  }
}

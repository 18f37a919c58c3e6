/**
 * At most `limit` tasks at a time per key; the others wait their turn in arrival order. Keys without
 * running or waiting tasks are forgotten, so the map stays as small as the set of busy keys.
 */
export class KeyedSemaphore {
  private readonly slots = new Map<string, { running: number; waiting: Array<() => void> }>();

  constructor(private readonly limit: number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { running: 0, waiting: [] };
      this.slots.set(key, slot);
    }
    if (slot.running >= this.limit) await new Promise<void>((resolve) => slot!.waiting.push(resolve));
    slot.running += 1;
    try {
      return await task();
    } finally {
      slot.running -= 1;
      const next = slot.waiting.shift();
      if (next) next();
      else if (slot.running === 0) this.slots.delete(key);
    }
  }
}

/**
 * A weighted semaphore per key: tasks of one key run while their weights add up to at most `capacity`;
 * the others wait in arrival order (the first in line is never overtaken, so a heavy task is not starved
 * by light ones). A task heavier than the capacity counts as the whole capacity. Idle keys are forgotten.
 */
export class KeyedSemaphore {
  private readonly slots = new Map<string, { used: number; waiting: Array<{ weight: number; start: () => void }> }>();

  constructor(private readonly capacity: number) {}

  async run<T>(key: string, weight: number, task: () => Promise<T>): Promise<T> {
    const cost = Math.min(Math.max(weight, 1), this.capacity);
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { used: 0, waiting: [] };
      this.slots.set(key, slot);
    }
    if (slot.waiting.length > 0 || slot.used + cost > this.capacity) {
      await new Promise<void>((start) => slot.waiting.push({ weight: cost, start }));
    } else {
      slot.used += cost;
    }
    try {
      return await task();
    } finally {
      slot.used -= cost;
      while (slot.waiting.length > 0 && slot.used + slot.waiting[0].weight <= this.capacity) {
        const next = slot.waiting.shift()!;
        slot.used += next.weight;
        next.start();
      }
      if (slot.used === 0 && slot.waiting.length === 0) this.slots.delete(key);
    }
  }
}

import type { CounterSpec, StateKey, StateUpdate, SyncStateStore } from './state.js';

/**
 * In-memory state for scans and tests. Counters keep only the timestamps inside their
 * window, and idle counters are swept, so memory stays bounded on long archives.
 *
 * @example
 * const state = new MemoryState();
 * state.apply([put(passwordPolicyKey('111122223333'), { minimumPasswordLength: 14 })]);
 */
export class MemoryState implements SyncStateStore {
  readonly #values = new Map<string, unknown>();
  readonly #counters = new Map<string, { windowMs: number; times: number[] }>();
  #incrementsSinceSweep = 0;

  get<T>(key: StateKey<T>): T | undefined {
    return this.#values.get(key.key) as T | undefined;
  }

  apply(updates: readonly StateUpdate[]): void {
    for (const update of updates) {
      if (update.value === undefined) this.#values.delete(update.key.key);
      else this.#values.set(update.key.key, update.value);
    }
  }

  increment(counter: CounterSpec, atMs: number): number {
    const windowMs = counter.windowSeconds * 1000;
    let entry = this.#counters.get(counter.key);
    if (!entry) {
      entry = { windowMs, times: [] };
      this.#counters.set(counter.key, entry);
    }
    entry.times.push(atMs);
    // Archives are mostly in time order but not strictly; count by time, not by position.
    entry.times = entry.times.filter((t) => t > atMs - windowMs && t <= atMs + windowMs);
    if (++this.#incrementsSinceSweep >= 10_000) this.#sweep(atMs);
    return entry.times.filter((t) => t <= atMs).length;
  }

  /** Number of stored values (counters excluded); for tests and diagnostics. */
  get size(): number {
    return this.#values.size;
  }

  #sweep(nowMs: number): void {
    this.#incrementsSinceSweep = 0;
    for (const [key, entry] of this.#counters) {
      const newest = entry.times[entry.times.length - 1] ?? 0;
      if (newest <= nowMs - entry.windowMs) this.#counters.delete(key);
    }
  }
}

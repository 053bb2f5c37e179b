/**
 * Sliding-window counters as slots. A window of W seconds is cut into (up to) 10 slots of
 * W/10 (at least one second); an increment ADDs 1 to the slot holding `atMs` and sums the
 * slots that cover the window ending with that slot. The far edge is rounded out to a slot
 * boundary, so an occurrence up to one slot older than the window (≤ 10 % of W) may still be
 * counted, and one later than `atMs` inside the same slot is counted too: a threshold can fire
 * slightly early, never late. Cost per increment is O(1): one UpdateItem and one BatchGetItem
 * of at most nine keys, whatever the rate.
 */

export const SLOTS_PER_WINDOW = 10;

export interface CounterSlots {
  /** Slot width in ms. */
  readonly slotMs: number;
  /** Start (epoch ms) of the slot holding `atMs`. */
  readonly current: number;
  /** Starts of the earlier slots that complete the window, oldest first. */
  readonly earlier: readonly number[];
  /** End (epoch ms, exclusive) of the current slot: after it, plus the window, the slot is garbage. */
  readonly currentEnd: number;
}

/**
 * @example
 * counterSlots(300, Date.parse('2026-01-01T00:04:59Z'));
 * // slotMs 30000, current = 00:04:30, earlier = 00:00:00 … 00:04:00 (9 slots)
 */
export function counterSlots(windowSeconds: number, atMs: number): CounterSlots {
  const windowMs = Math.max(1, windowSeconds) * 1000;
  const slotMs = Math.max(1000, Math.ceil(windowMs / SLOTS_PER_WINDOW));
  const slots = Math.ceil(windowMs / slotMs);
  const current = Math.floor(atMs / slotMs) * slotMs;
  const earlier: number[] = [];
  for (let i = slots - 1; i >= 1; i--) earlier.push(current - i * slotMs);
  return { slotMs, current, earlier, currentEnd: current + slotMs };
}

import { describe, expect, it } from 'vitest';
import { counterSlots, SLOTS_PER_WINDOW } from './counter-slots.js';

const T0 = Date.parse('2026-11-02T10:00:00Z');

describe('counterSlots', () => {
  it.each([
    { windowSeconds: 300, slotMs: 30_000, slots: 10 },
    { windowSeconds: 3600, slotMs: 360_000, slots: 10 },
    { windowSeconds: 5, slotMs: 1000, slots: 5 },
    { windowSeconds: 7, slotMs: 1000, slots: 7 },
    { windowSeconds: 95, slotMs: 9500, slots: 10 },
  ])('cuts a $windowSeconds s window into $slots slots of $slotMs ms', ({ windowSeconds, slotMs, slots }) => {
    const result = counterSlots(windowSeconds, T0 + 12_345);

    expect(result.slotMs).toBe(slotMs);
    expect(result.earlier).toHaveLength(slots - 1);
    expect(slots).toBeLessThanOrEqual(SLOTS_PER_WINDOW);
  });

  it('covers the window ending with the slot that holds the time, oldest first', () => {
    const at = T0 + 4 * 60_000 + 59_000;

    const { current, earlier, currentEnd, slotMs } = counterSlots(300, at);

    expect(current).toBeLessThanOrEqual(at);
    expect(currentEnd).toBeGreaterThan(at);
    expect(earlier).toEqual(Array.from({ length: 9 }, (_, i) => current - (9 - i) * slotMs));
    // The covered span is the window rounded out by at most one slot.
    expect(currentEnd - (earlier[0] ?? current)).toBe(300_000);
    expect(at - (earlier[0] ?? current)).toBeGreaterThan(300_000 - slotMs);
  });
});

import { describe, expect, it } from 'vitest';
import { Random } from './random.js';

const draw = (rng: Random, n: number) => Array.from({ length: n }, () => rng.next());

describe('Random', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(new Random('seed-a'), 20)).toEqual(draw(new Random('seed-a'), 20));
  });

  it('gives a different sequence for another seed', () => {
    expect(draw(new Random('seed-a'), 5)).not.toEqual(draw(new Random('seed-b'), 5));
  });

  it('forks streams that do not depend on how much the parent was used', () => {
    // Prepare
    const fresh = new Random('seed').fork('files');
    const used = new Random('seed');
    draw(used, 100);

    // Act
    const forked = used.fork('files');

    // Assess
    expect(draw(forked, 10)).toEqual(draw(fresh, 10));
  });

  it('stays within bounds', () => {
    const rng = new Random('bounds');
    const ints = new Set(Array.from({ length: 1000 }, () => rng.int(3, 7)));
    const floats = draw(rng, 1000);
    expect([...ints].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats)).toBeLessThan(1);
  });

  it('never picks an item of weight zero', () => {
    const rng = new Random('weights');
    const picks = new Set(
      Array.from({ length: 500 }, () =>
        rng.weighted([
          ['a', 1],
          ['never', 0],
          ['b', 3],
        ] as const),
      ),
    );
    expect(picks).toEqual(new Set(['a', 'b']));
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const shuffled = new Random('shuffle').shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });

  it('writes UUIDs in the shape of CloudTrail event ids', () => {
    const rng = new Random('uuid');
    for (let i = 0; i < 50; i++) {
      expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('refuses to pick from nothing', () => {
    expect(() => new Random('empty').pick([])).toThrow(RangeError);
  });
});

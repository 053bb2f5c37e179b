import { describe, expect, it } from 'vitest';
import { IdentityMemo, LruMap } from './memo.js';

describe('LruMap', () => {
  it('evicts the least recently used entry past capacity', () => {
    // Prepare
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    // Act
    lru.get('a');
    lru.set('c', 3);
    // Assess
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2]);
  });

  it('overwrites an existing key without growing', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('a', 5);
    expect([lru.get('a'), lru.size]).toEqual([5, 1]);
  });
});

describe('IdentityMemo', () => {
  it('keys results by object identity and string key', () => {
    // Prepare
    const memo = new IdentityMemo<object, string>();
    const one = {};
    const twin = {};
    // Act
    memo.set(one, 'k', 'one');
    // Assess
    expect([memo.get(one, 'k'), memo.get(one, 'other'), memo.get(twin, 'k')]).toEqual([
      'one',
      undefined,
      undefined,
    ]);
  });

  it('starts over for an object whose keys keep changing', () => {
    const memo = new IdentityMemo<object, number>();
    const doc = {};
    for (let i = 0; i < IdentityMemo.KEYS_PER_OBJECT; i++) memo.set(doc, `k${i}`, i);
    memo.set(doc, 'fresh', 99);
    expect([memo.get(doc, 'k0'), memo.get(doc, 'fresh')]).toEqual([undefined, 99]);
  });
});

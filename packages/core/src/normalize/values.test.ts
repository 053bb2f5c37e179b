import { describe, expect, it } from 'vitest';
import { accountText, canonicalJson, epochMs, flag, kindOf, text } from './values.js';

describe('epochMs', () => {
  it.each([
    '2024-03-01T09:15:02Z',
    '1999-12-31T23:59:59Z',
    '2024-02-28T00:00:00Z',
    '2024-02-29T12:00:00Z',
    '2024-03-31T23:59:59Z',
    '2024-03-01T09:15:02.123Z',
    '2024-03-01T09:15:02+02:00',
    '2021-11-18T09:41:02-08:00',
  ])('agrees with Date.parse on %s', (time) => {
    expect(epochMs(time)).toBe(Date.parse(time));
  });

  it.each([
    '',
    'yesterday',
    '2024-13-01T09:15:02Z',
    '2024-03-01T25:15:02Z',
    '2024-03-01T09:61:02Z',
    '2024-0a-01T09:15:02Z',
  ])('reads %j as 0', (time) => {
    expect(epochMs(time)).toBe(0);
  });
});

describe('field readers', () => {
  it.each([
    ['abc', 'abc'],
    [42, '42'],
    [Number.NaN, undefined],
    [true, undefined],
    [null, undefined],
  ])('text(%j) → %j', (value, expected) => {
    expect(text(value)).toBe(expected);
  });

  it.each([
    ['111122223333', '111122223333'],
    [11122223333, '011122223333'],
    [-1, undefined],
    [1.5, undefined],
  ])('accountText(%j) → %j', (value, expected) => {
    expect(accountText(value)).toBe(expected);
  });

  it.each([
    [true, true],
    ['false', false],
    ['TRUE', undefined],
    [1, undefined],
  ])('flag(%j) → %j', (value, expected) => {
    expect(flag(value)).toBe(expected);
  });

  it.each([
    [null, 'null'],
    [[], 'an array'],
    [{}, 'an object'],
    [1, 'a number'],
    ['x', 'a string'],
    [undefined, 'undefined'],
  ])('kindOf(%j) → %s', (value, expected) => {
    expect(kindOf(value)).toBe(expected);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });
});

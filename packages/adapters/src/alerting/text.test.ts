import { describe, expect, it } from 'vitest';
import { charLength, oneLine, readableTime, toPrintableAscii, truncateText } from './text.js';

describe('truncateText', () => {
  it.each([
    { text: 'short', max: 10, expected: 'short' },
    { text: 'exactly10!', max: 10, expected: 'exactly10!' },
    { text: 'Root user signed in', max: 10, expected: 'Root user…' },
    { text: 'abcdef', max: 1, expected: 'a' },
    { text: '🔴🔴🔴🔴', max: 3, expected: '🔴🔴…' },
  ])('cuts $text to $max characters', ({ text, max, expected }) => {
    // Act
    const cut = truncateText(text, max);

    // Assess
    expect(cut).toBe(expected);
    expect(charLength(cut)).toBeLessThanOrEqual(max);
  });

  it('never splits a surrogate pair', () => {
    // Prepare
    const text = `${'a'.repeat(5)}${'😀'.repeat(10)}`;

    // Act
    const cut = truncateText(text, 8, '...');

    // Assess: re-encoding keeps every character, so no lone surrogate was produced
    expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut);
    expect(cut).toBe('aaaaa...');
  });
});

describe('oneLine', () => {
  it.each([
    { text: 'a\nb', expected: 'a b' },
    { text: '  a \t\r\n  b  ', expected: 'a b' },
    { text: 'bell\u0007here', expected: 'bellhere' },
  ])('makes $text one line', ({ text, expected }) => {
    expect(oneLine(text)).toBe(expected);
  });
});

describe('toPrintableAscii', () => {
  it.each([
    { text: 'Root login — 111122223333', expected: 'Root login - 111122223333' },
    { text: 'Zoë’s “key”', expected: 'Zoe\'s "key"' },
    { text: 'line\nbreak', expected: 'line break' },
    { text: '東京 bucket', expected: '?? bucket' },
    { text: 'ok…', expected: 'ok...' },
  ])('turns $text into printable ASCII', ({ text, expected }) => {
    // Act
    const ascii = toPrintableAscii(text);

    // Assess
    expect(ascii).toBe(expected);
    expect(ascii).toMatch(/^[\x20-\x7e]*$/);
  });
});

describe('readableTime', () => {
  it.each([
    { iso: '2026-11-02T10:15:00Z', expected: '2026-11-02 10:15:00 UTC' },
    { iso: '2026-11-02T12:15:00+02:00', expected: '2026-11-02 10:15:00 UTC' },
    { iso: 'not a time', expected: 'not a time' },
  ])('reads $iso', ({ iso, expected }) => {
    expect(readableTime(iso)).toBe(expected);
  });
});

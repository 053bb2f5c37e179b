import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clip, epochMillis, hasText, isoTimestamp, oneLine } from './limits.js';

const clipCases = z
  .array(z.object({ text: z.string(), max: z.number().int(), expected: z.string() }))
  .parse(JSON.parse(readFileSync(new URL('./fixtures/clip-cases.json', import.meta.url), 'utf8')));

describe('clip', () => {
  it.each(clipCases.map((c) => [c.text, c.max, c] as const))('%s to %i', (_text, _max, clipCase) => {
    // Act
    const clipped = clip(clipCase.text, clipCase.max);
    // Assess
    expect(clipped).toBe(clipCase.expected);
    expect(clipped.length).toBeLessThanOrEqual(Math.max(0, clipCase.max));
    // A split surrogate pair does not survive a UTF-8 round trip.
    expect(Buffer.from(clipped, 'utf8').toString('utf8')).toBe(clipped);
  });

  it('cuts a 5,000-character text to exactly the limit', () => {
    const clipped = clip('x'.repeat(5000), 1024);
    expect(clipped).toHaveLength(1024);
    expect(clipped.endsWith('…')).toBe(true);
  });
});

describe('isoTimestamp and epochMillis', () => {
  it('normalizes CloudTrail times to UTC with milliseconds', () => {
    expect(isoTimestamp('2024-05-14T10:02:13Z', '')).toBe('2024-05-14T10:02:13.000Z');
    expect(isoTimestamp('2024-05-14T12:02:13+02:00', '')).toBe('2024-05-14T10:02:13.000Z');
    expect(epochMillis('2024-05-14T10:02:13Z', '')).toBe(1715680933000);
  });

  it('falls back when the time does not parse, and to 0 when nothing does', () => {
    expect(isoTimestamp('not a time', '2026-11-02T10:15:00Z')).toBe('2026-11-02T10:15:00.000Z');
    expect(epochMillis(undefined, 'also not a time')).toBe(0);
  });
});

describe('oneLine and hasText', () => {
  it('collapses whitespace and recognises blank text', () => {
    expect(oneLine('  a\n  b\tc ')).toBe('a b c');
    expect(hasText(' \n\t')).toBe(false);
    expect(hasText(undefined)).toBe(false);
    expect(hasText(' x ')).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JsonSplitter } from './json-splitter.js';

type Expected = { value: unknown } | { invalid: string } | { parseError: true };
interface SplitterCase {
  readonly name: string;
  readonly input: string;
  readonly expect: readonly Expected[];
}

const cases: readonly SplitterCase[] = JSON.parse(
  readFileSync(new URL('./fixtures/splitter-cases.json', import.meta.url), 'utf8'),
);

type Piece = { text: string } | { invalid: string };

/**
 * Feeds `input` in chunks of `chunkSize` characters (whole when omitted) and collects the pieces.
 * With `fast`, the sink accepts fast-path guesses the way the reader does: when they parse.
 */
function split(input: string, chunkSize = input.length || 1, limit = 3, fast = false): Piece[] {
  const pieces: Piece[] = [];
  const guess = (text: string): boolean => {
    try {
      JSON.parse(text);
    } catch {
      return false;
    }
    pieces.push({ text });
    return true;
  };
  const splitter = new JsonSplitter({
    value: (text) => pieces.push({ text }),
    invalid: (reason) => pieces.push({ invalid: reason }),
    ...(fast && { guess }),
  });
  for (let at = 0; at < input.length; at += chunkSize) {
    splitter.push(input.slice(at, at + chunkSize));
    while (splitter.drain(limit) === limit) {
      // keep draining in small batches, as the reader does
    }
  }
  splitter.finish();
  while (!splitter.done) splitter.drain(limit);
  return pieces;
}

function judge(pieces: readonly Piece[]): Expected[] {
  return pieces.map((piece) => {
    if ('invalid' in piece) return { invalid: piece.invalid };
    try {
      return { value: JSON.parse(piece.text) as unknown };
    } catch {
      return { parseError: true };
    }
  });
}

function assertMatches(actual: readonly Expected[], expected: readonly Expected[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((want, i) => {
    const got = actual[i];
    if ('invalid' in want) {
      expect(got).toHaveProperty('invalid');
      expect((got as { invalid: string }).invalid).toContain(want.invalid);
    } else {
      expect(got).toEqual(want);
    }
  });
}

describe('JsonSplitter', () => {
  describe.each(cases)('$name', ({ input, expect: expected }) => {
    it('splits the whole text', () => {
      // Act
      const actual = judge(split(input));
      // Assess
      assertMatches(actual, expected);
    });

    it.each([1, 2, 5, 16])('splits the same when fed %i characters at a time', (chunkSize) => {
      // Act
      const actual = judge(split(input, chunkSize));
      // Assess
      assertMatches(actual, expected);
    });

    it.each([1, 5, input.length || 1])(
      'splits the same with the fast path, %i characters at a time',
      (chunkSize) => {
        // Act
        const actual = judge(split(input, chunkSize, 3, true));
        // Assess
        assertMatches(actual, expected);
      },
    );
  });

  it('agrees with JSON.parse on records with tricky strings, at every chunk size', () => {
    // Prepare
    const tricky = [
      'plain',
      'escaped "quote" inside',
      'braces } { ] [ , : inside',
      'ends with a backslash \\',
      'backslash then quote \\"',
      'three backslashes \\\\\\',
      'unicode é ✓ 😀 \u2028',
      '"',
      '\n\t\r\b\f/',
      '\u0000\u001f control',
      'Records',
      '',
    ];
    const records: unknown[] = tricky.map((text, i) => ({
      eventName: text,
      [text]: { nested: [text, { deeper: text }], n: -1.5e3 + i, ok: true, none: null },
      requestParameters:
        i % 2 === 0 ? null : { policyDocument: JSON.stringify({ Statement: [{ Sid: text }] }) },
    }));
    // JSON.stringify never writes \u escapes for printable characters; CloudTrail sometimes does.
    const escapedText = '{"eventName":"\\u00e9\\ud83d\\ude00 \\"}\\\\"}';
    records.push(JSON.parse(escapedText));
    const body = records.slice(0, -1).map((r) => JSON.stringify(r));
    const document = `{"Records":[${[...body, escapedText].join(',')}]}`;
    const pretty = JSON.stringify({ Records: records }, null, 2);
    for (const input of [document, pretty]) {
      for (const chunkSize of [1, 3, 7, 64, input.length]) {
        for (const fast of [false, true]) {
          // Act
          const pieces = split(input, chunkSize, 1, fast);
          // Assess
          expect(pieces.map((p) => ('text' in p ? JSON.parse(p.text) : p))).toEqual(records);
        }
      }
    }
  });

  it('recovers from fast-path cuts made at a deeper level', () => {
    // Prepare: the separator `},{"k":` also occurs inside the first and third records.
    const records = [
      { k: 1, list: [{ k: 2 }, { k: 3 }] },
      { k: 4 },
      { k: 5, deeper: { list: [{ k: 6 }, { k: 7, x: '},{"k":' }] } },
      { other: 8 },
      { k: 9 },
    ];
    const input = JSON.stringify({ Records: records });
    for (const chunkSize of [1, 4, input.length]) {
      // Act
      const pieces = split(input, chunkSize, 2, true);
      // Assess
      expect(pieces.map((p) => ('text' in p ? JSON.parse(p.text) : p))).toEqual(records);
    }
  });

  it('uses the fast path for minified log files', () => {
    // Prepare
    const input = JSON.stringify({
      Records: Array.from({ length: 50 }, (_, i) => ({ eventVersion: '1.08', i })),
    });
    let guesses = 0;
    let exact = 0;
    const splitter = new JsonSplitter({
      value: () => exact++,
      invalid: () => {},
      guess: () => {
        guesses++;
        return true;
      },
    });
    // Act
    splitter.push(input);
    splitter.finish();
    while (!splitter.done) splitter.drain(10);
    // Assess: only the last record (followed by `]}`, not a separator) needs the exact scanner.
    expect({ guesses, exact }).toEqual({ guesses: 49, exact: 1 });
  });

  it('keeps only the unfinished item between chunks', () => {
    // Prepare
    const record = JSON.stringify({ eventName: 'A', padding: 'x'.repeat(1000) });
    const splitter = new JsonSplitter({ value: () => {}, invalid: () => {} });
    let largestBuffer = 0;
    // Act
    splitter.push('{"Records":[');
    for (let i = 0; i < 200; i++) {
      splitter.push(`${i === 0 ? '' : ','}${record}`);
      splitter.drain(Number.POSITIVE_INFINITY);
      largestBuffer = Math.max(largestBuffer, splitter.buffered);
    }
    // Assess
    expect(largestBuffer).toBeLessThan(record.length * 2);
  });

  it('stops at the limit and resumes where it stopped', () => {
    // Prepare
    const texts: string[] = [];
    const splitter = new JsonSplitter({ value: (t) => texts.push(t), invalid: () => {} });
    splitter.push('[1,2,3,4,5]');
    splitter.finish();
    // Act
    const counts = [splitter.drain(2), splitter.drain(2), splitter.drain(2)];
    // Assess
    expect(counts).toEqual([2, 2, 1]);
    expect(texts).toEqual(['1', '2', '3', '4', '5']);
    expect(splitter.done).toBe(true);
  });
});

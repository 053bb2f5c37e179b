import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';

const KEY = {
  PK: 'FINDING#f1',
  SK: 'FINDING',
  account: '111122223333',
  timeSk: '2026-11-02T10:15:00.000Z#f1',
};

describe('page cursors', () => {
  it('round-trips a LastEvaluatedKey for the same query', () => {
    const cursor = encodeCursor('q1', KEY);

    expect(decodeCursor(cursor, 'q1')).toEqual(KEY);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    { name: 'another query', cursor: () => encodeCursor('q2', KEY), reason: /different query/ },
    { name: 'not base64 JSON', cursor: () => 'not a cursor', reason: /not a cursor/ },
    {
      name: 'JSON of another shape',
      cursor: () => Buffer.from('{"v":2}').toString('base64url'),
      reason: /not a cursor/,
    },
  ])('refuses $name', ({ cursor, reason }) => {
    expect(() => decodeCursor(cursor(), 'q1')).toThrow(InvalidCursorError);
    expect(() => decodeCursor(cursor(), 'q1')).toThrow(reason);
  });

  it('refuses to encode a key with a non-string attribute', () => {
    expect(() => encodeCursor('q1', { PK: 'x', n: 1 })).toThrow(InvalidCursorError);
  });
});

import { z } from 'zod';
import { InvalidCursorError } from '../errors.js';

/**
 * Opaque page cursors: base64url of `{ v, q, k }` — a version, a fingerprint of the query the
 * page belongs to, and DynamoDB's LastEvaluatedKey (all keys in this table are strings). A
 * cursor is only accepted back for the same query, so a stale or foreign cursor fails clearly
 * instead of returning a confusing page.
 */

const CursorSchema = z.object({
  v: z.literal(1),
  q: z.string(),
  k: z.record(z.string(), z.string()),
});

/**
 * @example
 * const cursor = encodeCursor('by-account|111122223333', { PK: 'FINDING#f1', SK: 'FINDING', account: '111122223333', timeSk: '…' });
 */
export function encodeCursor(queryId: string, lastKey: Readonly<Record<string, unknown>>): string {
  const k: Record<string, string> = {};
  for (const [name, value] of Object.entries(lastKey)) {
    if (typeof value !== 'string') throw new InvalidCursorError(`key attribute ${name} is not a string`);
    k[name] = value;
  }
  return Buffer.from(JSON.stringify({ v: 1, q: queryId, k }), 'utf8').toString('base64url');
}

/**
 * @example
 * const startKey = decodeCursor(query.cursor, queryId); // throws InvalidCursorError
 */
export function decodeCursor(cursor: string, queryId: string): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidCursorError('not a cursor produced by this store', { cause: error });
  }
  const parsed = CursorSchema.safeParse(json);
  if (!parsed.success)
    throw new InvalidCursorError('not a cursor produced by this store', { cause: parsed.error });
  if (parsed.data.q !== queryId) throw new InvalidCursorError('it belongs to a different query');
  return parsed.data.k;
}

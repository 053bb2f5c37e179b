import type { z } from 'zod';
import { ParseError } from '../errors.js';

/**
 * A `ParseError` from a zod failure: `<what>: <path>: <message>; …` (at most three issues,
 * the rest counted), with `details.path` set to the first issue's path.
 *
 * @example
 * schemaError('EventBridge event', result.error, 'detail.');
 * // ParseError('EventBridge event: detail.configurationItem.resourceType: expected string, received undefined')
 */
export function schemaError(what: string, error: z.ZodError, prefix = ''): ParseError {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${prefix}${path}: ${issue.message}` : `${prefix || '(root)'}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  const firstPath = error.issues[0]?.path.map(String).join('.') ?? '';
  return new ParseError(
    `${what}: ${shown.join('; ')}${more}`,
    { path: `${prefix}${firstPath}` },
    { cause: error },
  );
}

/**
 * Parses a JSON string carried inside another document (lookup-events `CloudTrailEvent`,
 * Config `invokingEvent`), turning a syntax error into a `ParseError` that keeps it as `cause`.
 *
 * @example
 * parseEmbeddedJson('{"a":1}', 'lookup-events CloudTrailEvent', 'CloudTrailEvent'); // { ok: true, value: { a: 1 } }
 */
export function parseEmbeddedJson(
  json: string,
  what: string,
  path: string,
): { ok: true; value: unknown } | { ok: false; error: ParseError } {
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch (cause) {
    const input = json.length > 120 ? `${json.slice(0, 120)}…` : json;
    return { ok: false, error: new ParseError(`${what} is not valid JSON`, { path, input }, { cause }) };
  }
}

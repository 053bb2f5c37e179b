/**
 * Length and time helpers for the finding formats. Both ASFF and OCSF consumers reject or
 * silently drop what does not fit, so every string with a documented limit goes through
 * `clip`, and every timestamp through `isoTimestamp` / `epochMillis`.
 */

const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` UTF-16 code units (the unit JSON schema validators and the AWS
 * SDKs count `maxLength` in), ending with `…` when cut, never splitting a surrogate pair.
 *
 * @example
 * clip('Root user signed in to the console', 12); // 'Root user s…'
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - ELLIPSIS.length;
  if (end <= 0) return text.slice(0, max);
  // A high surrogate at the cut would leave half a character behind.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/**
 * Collapses runs of whitespace to one space and trims, for one-line fields (titles, values).
 *
 * @example
 * oneLine('a\n  b\tc'); // 'a b c'
 */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * True when `text` has at least one non-whitespace character (ASFF's `.*\S.*` pattern).
 *
 * @example
 * hasText(' \n'); // false
 */
export function hasText(text: string | undefined): text is string {
  return text !== undefined && /\S/.test(text);
}

/**
 * An ISO-8601 UTC timestamp with milliseconds (`2024-05-14T10:02:13.000Z`) for `value`, or for
 * `fallback` when `value` does not parse. Records carry their time as data; a malformed one must
 * still produce a finding the consumer accepts.
 *
 * @example
 * isoTimestamp('2024-05-14T10:02:13Z', '1970-01-01T00:00:00Z'); // '2024-05-14T10:02:13.000Z'
 */
export function isoTimestamp(value: string | undefined, fallback: string): string {
  return new Date(epochMillis(value, fallback)).toISOString();
}

/**
 * Epoch milliseconds of `value`, or of `fallback` when `value` does not parse (0 when neither does).
 *
 * @example
 * epochMillis('2024-05-14T10:02:13Z', ''); // 1715680933000
 */
export function epochMillis(value: string | undefined, fallback: string): number {
  const ms = value === undefined ? Number.NaN : Date.parse(value);
  if (!Number.isNaN(ms)) return ms;
  const fallbackMs = Date.parse(fallback);
  return Number.isNaN(fallbackMs) ? 0 : fallbackMs;
}

import { COLON, OPEN_OBJECT, QUOTE } from './json-chars.js';

/*
 * The splitter's fast path for minified arrays of objects, the way CloudTrail writes its log
 * files: `{"Records":[{"eventVersion":…},{"eventVersion":…}]}`. Instead of scanning every
 * character, elements are cut at the next `},{"<first key>":` found with one `indexOf`.
 * That text cannot occur inside a JSON string (quotes there are escaped), so a wrong cut can
 * only be one made at a deeper level of nesting, and such a slice never balances: the parser
 * rejects it and the splitter cuts that stretch exactly.
 */

/**
 * The fast-path separator for a container whose first element starts at `pos`, e.g.
 * `},{"eventVersion":`; null when the element is not a minified object with a plain first key,
 * undefined when not enough text is buffered to tell.
 */
export function separatorAt(text: string, pos: number): string | null | undefined {
  if (pos + 2 > text.length) return undefined;
  if (text.charCodeAt(pos) !== OPEN_OBJECT || text.charCodeAt(pos + 1) !== QUOTE) return null;
  const end = text.indexOf('"', pos + 2);
  if (end === -1) return text.length - pos > 256 ? null : undefined;
  const key = text.slice(pos + 2, end);
  if (key.includes('\\') || end + 1 >= text.length) return key.includes('\\') ? null : undefined;
  return text.charCodeAt(end + 1) === COLON ? `},{"${key}":` : null;
}

/**
 * Cuts up to `count` elements starting at `from` (an element's `{`), each ending before the
 * next `separator` that lies before `end`, while `accept` takes the slices. Returns where the
 * next element starts and how many were cut; the element at that position is left to the
 * exact scanner (no separator follows it, it starts differently, or `accept` refused it).
 *
 * @example
 * cutAtSeparators('{"k":1},{"k":2}]', 0, '},{"k":', 16, 10, () => true); // { next: 8, cut: 1 }
 */
export function cutAtSeparators(
  text: string,
  from: number,
  separator: string,
  end: number,
  count: number,
  accept: (slice: string) => boolean,
): { next: number; cut: number } {
  const prefix = separator.slice(2);
  let next = from;
  let cut = 0;
  while (cut < count && text.startsWith(prefix, next)) {
    const at = text.indexOf(separator, next + prefix.length);
    if (at === -1 || at > end || !accept(text.slice(next, at + 1))) break;
    cut++;
    next = at + 2;
  }
  return { next, cut };
}

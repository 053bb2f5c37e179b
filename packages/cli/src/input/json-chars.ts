/** Character codes and small text helpers of the JSON splitter (json-splitter.ts). */

export const QUOTE = 34;
export const BACKSLASH = 92;
export const OPEN_OBJECT = 123;
export const CLOSE_OBJECT = 125;
export const OPEN_ARRAY = 91;
export const CLOSE_ARRAY = 93;
export const COMMA = 44;
export const COLON = 58;
export const NEWLINE = 10;
export const SPACE = 32;
export const TAB = 9;
export const RETURN = 13;
export const BOM = 0xfeff;
export const EXCERPT = 60;
export const BROKEN_LINE = -2;
/** An item larger than this (in characters) is reported and the rest of its file skipped. */
export const MAX_ITEM_CHARS = 64 * 1024 * 1024;

export function firstNonSpace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB && c !== RETURN && c !== NEWLINE) return i;
  }
  return -1;
}

export function excerpt(text: string, at: number): string {
  const start = Math.max(0, at);
  const raw = text.slice(start, start + EXCERPT);
  const line = raw.split('\n', 1)[0] ?? '';
  return JSON.stringify(line.length < raw.length || start + EXCERPT < text.length ? `${line}…` : line);
}

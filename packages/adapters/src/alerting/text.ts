/**
 * Small text helpers shared by the alert renderers. Alert channels all have hard limits
 * (SNS subjects, Slack blocks, chat titles), so every renderer cuts text through these and
 * never by `String.prototype.slice`, which can split a surrogate pair and produce invalid UTF-8.
 */

/**
 * Cuts `text` to at most `max` characters (code points), ending with `ellipsis` when cut.
 *
 * @example
 * truncateText('Root user signed in', 10); // 'Root user…'
 */
export function truncateText(text: string, max: number, ellipsis = '…'): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const ellipsisLength = charLength(ellipsis);
  // No room for the ellipsis: a hard cut is all that fits.
  if (max <= ellipsisLength) return chars.slice(0, Math.max(0, max)).join('');
  return `${chars
    .slice(0, max - ellipsisLength)
    .join('')
    .trimEnd()}${ellipsis}`;
}

/** Number of characters (code points), the unit Slack and SNS count limits in. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** UTF-8 size in bytes, the unit SNS counts message size in. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Collapses whitespace (newlines, tabs) to single spaces and drops control characters, for
 * fields that must be one line (subjects, headers, table cells).
 *
 * @example
 * oneLine('a\n  b\tc'); // 'a b c'
 */
export function oneLine(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim();
}

const ASCII_LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2014': '-',
  '\u2013': '-',
  '\u2012': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2026': '...',
  '\u00A0': ' ',
  '\u2192': '->',
  '\u00D7': 'x',
};

/**
 * Printable ASCII only: accents are stripped (`é` → `e`), typographic punctuation becomes its
 * ASCII look-alike (`—` → `-`), anything else becomes `?`. SNS replaces or rejects subjects
 * that contain non-ASCII or control characters, so the subject goes through this.
 *
 * @example
 * toPrintableAscii('Zoë’s key — rotated'); // "Zoe's key - rotated"
 */
export function toPrintableAscii(text: string): string {
  let out = '';
  for (const ch of oneLine(text).normalize('NFKD')) {
    if (/\p{M}/u.test(ch)) continue;
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e) out += ch;
    else out += ASCII_LOOKALIKES[ch] ?? '?';
  }
  return out;
}

/**
 * An ISO-8601 time as `2026-11-02 10:15:00 UTC` for people; the input unchanged when it does
 * not parse (a record's time is data, and an alert must still go out).
 *
 * @example
 * readableTime('2026-11-02T10:15:00Z'); // '2026-11-02 10:15:00 UTC'
 */
export function readableTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

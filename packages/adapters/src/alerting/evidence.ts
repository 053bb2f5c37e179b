import { oneLine, truncateText } from './text.js';

export interface EvidenceOptions {
  /** Most lines to show; the rest is counted in a last line. Default 20. */
  readonly maxLines?: number;
  /** Longest line, in characters. Default 200. */
  readonly maxLineLength?: number;
}

/**
 * The finding's evidence (`context`) as `key: value` lines for people: scalars as they are,
 * objects and arrays as compact JSON, every line one line and cut to length. Keys keep the
 * order the rule wrote them in (rules put the most telling facts first).
 *
 * @example
 * evidenceLines({ mfaUsed: false, sourceIp: '192.0.2.10' });
 * // ['mfaUsed: false', 'sourceIp: 192.0.2.10']
 */
export function evidenceLines(
  context: Readonly<Record<string, unknown>>,
  options: EvidenceOptions = {},
): string[] {
  const maxLines = options.maxLines ?? 20;
  const maxLineLength = options.maxLineLength ?? 200;
  const entries = Object.entries(context).filter(([, value]) => value !== undefined);
  const shown = entries.length > maxLines ? entries.slice(0, Math.max(0, maxLines - 1)) : entries;
  const lines = shown.map(([key, value]) => truncateText(`${key}: ${renderValue(value)}`, maxLineLength));
  if (shown.length < entries.length) lines.push(`… ${entries.length - shown.length} more`);
  return lines;
}

function renderValue(value: unknown): string {
  if (typeof value === 'string') return oneLine(value);
  if (value === null || typeof value !== 'object') return String(value);
  try {
    return oneLine(JSON.stringify(value));
  } catch {
    // A cycle cannot come from a rule's JSON-shaped context, but a line must never throw.
    return '[unrenderable value]';
  }
}

import type { FindingActor } from '@trailwarden/core';

/**
 * Cuts `text` to `width` characters (code points), ending with `…` when cut, and pads it
 * to exactly `width` unless `pad` is false.
 *
 * @example
 * fitCell('arn:aws:iam::111122223333:role/Admin', 12); // 'arn:aws:iam…'
 */
export function fitCell(text: string, width: number, pad = true): string {
  if (width <= 0) return '';
  const flat = flatten(text);
  const chars = Array.from(flat);
  if (chars.length > width) return `${chars.slice(0, width - 1).join('')}…`;
  return pad ? flat + ' '.repeat(width - chars.length) : flat;
}

/** Whitespace runs (newlines included) become one space, so a cell stays on its line. */
export function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Cuts a line to `width` characters, ending with `…` when cut; spacing is kept.
 *
 * @example
 * cut('high      root-activity  Root user …', 12); // 'high      r…'
 */
export function cut(line: string, width: number): string {
  if (line.length <= width) return line;
  const chars = Array.from(line);
  return chars.length <= width ? line : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/**
 * The readable end of an ARN: `service:resource` (`iam:role/Admin`, `s3:my-bucket`);
 * anything else is returned as it is.
 *
 * @example
 * shortArn('arn:aws:s3:::example-bucket'); // 's3:example-bucket'
 */
export function shortArn(value: string): string {
  if (!value.startsWith('arn:')) return value;
  const parts = value.split(':');
  if (parts.length < 6) return value;
  return `${parts[2]}:${parts.slice(5).join(':')}`;
}

/**
 * Who acted, short enough for a table cell: `root`, `bob`, `Admin/alice` (role/session),
 * a service principal, else the principal id or identity type.
 *
 * @example
 * shortActor({ type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice', mfa: true, provenance: 'human-api' });
 * // 'Admin/alice'
 */
export function shortActor(actor: FindingActor): string {
  if (actor.type === 'Root') return 'root';
  const arn = actor.arn;
  if (arn?.startsWith('arn:')) {
    const resource = arn.split(':').slice(5).join(':');
    const slash = resource.indexOf('/');
    if (resource === 'root') return 'root';
    return slash === -1 ? resource : resource.slice(slash + 1);
  }
  return arn ?? actor.principalId ?? actor.type;
}

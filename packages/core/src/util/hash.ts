import { createHash } from 'node:crypto';

/** Hex SHA-256 of the parts joined by NUL, cut to `length` characters. Stable across runs. */
export function stableHash(parts: readonly string[], length = 32): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, length);
}

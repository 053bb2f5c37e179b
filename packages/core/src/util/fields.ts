/**
 * Safe readers for the loosely-typed parts of CloudTrail records (`requestParameters`,
 * `responseElements`, `additionalEventData`). They never throw: a missing, null or
 * wrongly-typed field reads as `undefined`. Paths use dots: `'policy.Statement'`.
 */

type Bag = Readonly<Record<string, unknown>> | undefined | null;

/** Reads a nested value by dotted path. */
export function field(bag: Bag, path: string): unknown {
  let current: unknown = bag;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A string field, or undefined. Numbers and booleans are not coerced. */
export function str(bag: Bag, path: string): string | undefined {
  const value = field(bag, path);
  return typeof value === 'string' ? value : undefined;
}

/** A boolean field; accepts real booleans and the strings `"true"`/`"false"` (CloudTrail writes both). */
export function bool(bag: Bag, path: string): boolean | undefined {
  const value = field(bag, path);
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** A number field; accepts numeric strings. */
export function num(bag: Bag, path: string): number | undefined {
  const value = field(bag, path);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** An object field, or undefined (arrays are not objects here). */
export function obj(bag: Bag, path: string): Readonly<Record<string, unknown>> | undefined {
  const value = field(bag, path);
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** An array field; a single non-array value becomes a one-element array; missing is `[]`. */
export function list(bag: Bag, path: string): readonly unknown[] {
  const value = field(bag, path);
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * EC2 and a few other services wrap lists as `{ items: [...] }` (sometimes nested
 * `{ items: [{ ... }] }` inside each item). Returns the items, or `[]`.
 */
export function items(bag: Bag, path: string): readonly Readonly<Record<string, unknown>>[] {
  const value = field(bag, path);
  const array = Array.isArray(value) ? value : list(obj(bag, path), 'items');
  return array.filter(
    (v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v),
  );
}

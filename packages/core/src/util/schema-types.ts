/**
 * Type-level helpers for checking that a zod schema and a hand-written interface describe the
 * same shape. zod's output types are mutable while the domain interfaces are `readonly`
 * throughout, so the comparison drops `readonly` on both sides first.
 */

/**
 * `T` with `readonly` removed from every property and array, at every depth.
 *
 * @example
 * expectTypeOf<z.output<typeof FindingSchema>>().toEqualTypeOf<Writable<Finding>>();
 */
export type Writable<T> = T extends readonly (infer U)[]
  ? Writable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Writable<T[K]> }
    : T;

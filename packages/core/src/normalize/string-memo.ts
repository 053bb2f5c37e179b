/**
 * A bounded memo keyed by strings that never hashes a whole key. Normalization looks up
 * user agents and role names (30-200 characters) once per record; each record's strings are
 * fresh copies from `JSON.parse`, so a `Map` would hash every character of every one. Here a
 * slot is picked from the length and five characters, and a hit is confirmed with `===`
 * (a memory compare). A collision only overwrites the slot: the value is recomputed later.
 *
 * @example
 * const memo = new StringMemo<number>(1024);
 * memo.get('aws-cli/2.15.21') ?? memo.set('aws-cli/2.15.21', 2);
 */
export class StringMemo<T> {
  readonly #keys: (string | undefined)[];
  readonly #values: (T | undefined)[];
  readonly #mask: number;

  /** `size` is rounded up to a power of two. */
  constructor(size: number) {
    let slots = 1;
    while (slots < size) slots *= 2;
    this.#keys = new Array<string | undefined>(slots).fill(undefined);
    this.#values = new Array<T | undefined>(slots).fill(undefined);
    this.#mask = slots - 1;
  }

  #slot(key: string): number {
    const length = key.length;
    if (length === 0) return 0;
    const mix =
      length * 31 +
      key.charCodeAt(0) * 7 +
      key.charCodeAt(length >> 2) * 131 +
      key.charCodeAt(length >> 1) * 1031 +
      key.charCodeAt((length * 3) >> 2) * 8191 +
      key.charCodeAt(length - 1) * 65599;
    return (mix ^ (mix >>> 11)) & this.#mask;
  }

  get(key: string): T | undefined {
    const slot = this.#slot(key);
    return this.#keys[slot] === key ? this.#values[slot] : undefined;
  }

  set(key: string, value: T): T {
    const slot = this.#slot(key);
    this.#keys[slot] = key;
    this.#values[slot] = value;
    return value;
  }
}

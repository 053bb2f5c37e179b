/**
 * Small bounded memo tables for the policy analysis hot path. Real trails repeat the same
 * documents constantly (Terraform and CloudFormation re-apply unchanged policies, several rules
 * judge the same request), so parsing and analysing a document once per distinct text pays off;
 * the bounds keep a stream of unique documents from growing memory.
 */

/**
 * A least-recently-used map with a fixed capacity: a hit moves the entry to the back, an
 * insert past capacity evicts the front (the oldest).
 *
 * @example
 * ```ts
 * const lru = new LruMap<string, number>(2);
 * lru.set('a', 1); lru.set('b', 2); lru.get('a'); lru.set('c', 3);
 * lru.get('b'); // undefined: 'b' was the least recently used
 * ```
 */
export class LruMap<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    // Re-inserting moves the key to the back of Map's insertion order.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): V {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * Results memoized per object identity and a string key (e.g. a trust context): entries live
 * as long as the object does, so documents that leave the parse memo take their analyses along.
 *
 * @example
 * ```ts
 * const memo = new IdentityMemo<PolicyDocument, GrantsReport>();
 * memo.get(doc, 'trust') ?? memo.set(doc, 'trust', analyze(doc));
 * ```
 */
export class IdentityMemo<O extends object, V> {
  readonly #byObject = new WeakMap<O, Map<string, V>>();

  /** Distinct keys kept per object; more means a caller varies its key per call, so start over. */
  static readonly KEYS_PER_OBJECT = 16;

  get(object: O, key: string): V | undefined {
    return this.#byObject.get(object)?.get(key);
  }

  set(object: O, key: string, value: V): V {
    let entries = this.#byObject.get(object);
    if (!entries) {
      entries = new Map();
      this.#byObject.set(object, entries);
    } else if (entries.size >= IdentityMemo.KEYS_PER_OBJECT) entries.clear();
    entries.set(key, value);
    return value;
  }
}

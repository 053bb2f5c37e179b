/**
 * State the stateful judgements need (previous policy versions, previous password policy,
 * known admin policies, trail buckets, threshold counters). Rules only read it, through a
 * synchronous `StateView` over what the pipeline has loaded; learners (state/learners)
 * derive updates from successful events after the rules have run, so a rule always
 * compares an event with what was known *before* it.
 */

/** A typed key: `T` is the JSON value stored under it. */
export interface StateKey<T> {
  readonly key: string;
  /** Phantom field carrying the value type; never set. */
  readonly __value?: T;
}

/** Builds a typed key from its parts (joined with `#`). */
export function stateKey<T>(kind: string, ...parts: readonly string[]): StateKey<T> {
  return { key: [kind, ...parts].join('#') };
}

/** An update computed by a learner: a new value, or `undefined` to forget the key. */
export interface StateUpdate<T = unknown> {
  readonly key: StateKey<T>;
  readonly value: T | undefined;
}

export const put = <T>(key: StateKey<T>, value: T): StateUpdate<T> => ({ key, value });
export const forget = <T>(key: StateKey<T>): StateUpdate<T> => ({ key, value: undefined });

/** Read access to state, as rules see it. */
export interface StateView {
  get<T>(key: StateKey<T>): T | undefined;
}

/** A sliding-window counter request made by a threshold rule. */
export interface CounterSpec {
  readonly key: string;
  readonly windowSeconds: number;
}

/**
 * The synchronous state the detection engine drives (in-memory for scans and tests; the
 * DynamoDB pipeline loads the keys an event needs into one of these before detection).
 */
export interface SyncStateStore extends StateView {
  apply(updates: readonly StateUpdate[]): void;
  /** Records one occurrence at `atMs` and returns how many fall inside the window, this one included. */
  increment(counter: CounterSpec, atMs: number): number;
}

/**
 * The asynchronous port a durable store implements (DynamoDB, in the adapters package).
 * `load` fetches the keys an event's candidate rules may read.
 */
export interface StatePort {
  load(keys: readonly string[]): Promise<ReadonlyMap<string, unknown>>;
  apply(updates: readonly StateUpdate[]): Promise<void>;
  increment(counter: CounterSpec, atMs: number): Promise<number>;
}

import type { DetectionEngine, DetectionResult } from '../engine/detection-engine.js';
import type { ChangeEvent } from '../events/change-event.js';
import type { FindingSource } from '../findings/finding.js';
import type { CounterSpec, StateKey, StatePort, StateUpdate, SyncStateStore } from '../state/state.js';

/** Detection over an asynchronous state port, with the state updates still to be written. */
export interface BridgedDetection extends DetectionResult {
  /** Learner updates of the final run, to be written with `port.apply`. */
  readonly updates: readonly StateUpdate[];
  /** Detection runs it took (1 when nothing had to be loaded). */
  readonly rounds: number;
  /** Keys still unknown when `maxRounds` was reached (normally empty). */
  readonly unresolved: readonly string[];
}

export interface StateBridgeOptions {
  readonly source?: FindingSource;
  /** Upper bound on detection runs; each extra run follows one more level of references. */
  readonly maxRounds?: number;
}

const DEFAULT_MAX_ROUNDS = 8;

/**
 * A synchronous view over what has been loaded so far. Reads of keys not loaded are noted
 * (and read as unknown), counters answer from the counts taken beforehand, and learner
 * updates are kept in an overlay so later learners of the same event see earlier ones.
 */
class RecordingState implements SyncStateStore {
  readonly misses = new Set<string>();
  readonly updates: StateUpdate[] = [];
  readonly #overlay = new Map<string, unknown>();
  readonly #counts: Map<string, number[]>;

  constructor(
    readonly loaded: ReadonlyMap<string, unknown>,
    counts: ReadonlyMap<string, readonly number[]>,
  ) {
    this.#counts = new Map([...counts].map(([key, values]) => [key, [...values]]));
  }

  get<T>(key: StateKey<T>): T | undefined {
    if (this.#overlay.has(key.key)) return this.#overlay.get(key.key) as T | undefined;
    if (this.loaded.has(key.key)) return this.loaded.get(key.key) as T | undefined;
    this.misses.add(key.key);
    return undefined;
  }

  apply(updates: readonly StateUpdate[]): void {
    for (const update of updates) {
      this.updates.push(update);
      this.#overlay.set(update.key.key, update.value);
    }
  }

  increment(counter: CounterSpec): number {
    const count = this.#counts.get(counter.key)?.shift();
    if (count === undefined) {
      throw new Error(
        `counter ${counter.key} was not counted before detection (is the rule's counter deterministic?)`,
      );
    }
    return count;
  }
}

/**
 * Runs the synchronous detection engine against an asynchronous `StatePort` (DynamoDB):
 * 1. the counters of the candidate rules are incremented first, once each (`port.increment`);
 * 2. detection runs against a recording view that notes every state key it could not answer;
 * 3. the missed keys are loaded and detection runs again — rules are pure, and the counters
 *    answer from step 1, so nothing is counted twice — until no new key is missed (IAM
 *    questions follow references: user → groups → group policies → policy versions);
 * 4. the last run's findings and learner updates are returned; the caller writes the updates
 *    with `port.apply` after recording.
 *
 * @example
 * const result = await detectWithStatePort(engine, event, dynamoStatePort);
 * await dynamoStatePort.apply(result.updates);
 */
export async function detectWithStatePort(
  engine: DetectionEngine,
  event: ChangeEvent,
  port: StatePort,
  options: StateBridgeOptions = {},
): Promise<BridgedDetection> {
  const counts = new Map<string, number[]>();
  for (const rule of engine.candidates(event)) {
    let spec: CounterSpec | undefined;
    try {
      spec = rule.counter?.(event, engine.settings);
    } catch {
      // The engine calls the counter again and reports the rule's error; nothing to count here.
      continue;
    }
    if (!spec) continue;
    const count = await port.increment(spec, event.timeMs);
    counts.set(spec.key, [...(counts.get(spec.key) ?? []), count]);
  }
  const maxRounds = Math.max(1, options.maxRounds ?? DEFAULT_MAX_ROUNDS);
  const loaded = new Map<string, unknown>();
  const attempted = new Set<string>();
  for (let round = 1; ; round++) {
    const view = new RecordingState(loaded, counts);
    const result = engine.detect(event, view, options.source);
    const missing = [...view.misses].filter((key) => !attempted.has(key));
    if (missing.length === 0 || round >= maxRounds) {
      return { ...result, updates: view.updates, rounds: round, unresolved: missing };
    }
    for (const key of missing) attempted.add(key);
    const values = await port.load(missing);
    for (const key of missing) if (values.has(key)) loaded.set(key, values.get(key));
  }
}

/**
 * Whether a state is the asynchronous port (DynamoDB) rather than a synchronous store
 * (`MemoryState` for CLI scans, which the engine drives directly).
 *
 * @example
 * isStatePort(new MemoryState()); // false
 */
export function isStatePort(state: SyncStateStore | StatePort): state is StatePort {
  return typeof (state as Partial<StatePort>).load === 'function';
}

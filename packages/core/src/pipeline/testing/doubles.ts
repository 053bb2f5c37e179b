/**
 * Small port implementations for the pipeline's tests: they sit at the port boundary
 * (publisher, logger, dead letters, remediation, state) and record what they were given.
 * Not exported from the package.
 */
import { readFileSync } from 'node:fs';
import type { ChangeEvent } from '../../events/change-event.js';
import { MemoryState } from '../../state/memory-state.js';
import type { CounterSpec, StatePort, StateUpdate } from '../../state/state.js';
import type {
  AlertPublisher,
  DeadLetter,
  DeadLetterPort,
  Logger,
  PublishResult,
  RemediationPort,
  RemediationRequest,
  StoredFinding,
} from '../ports.js';

/** A record from `pipeline/fixtures/`, parsed fresh on every call. */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** The same CloudTrail record as another delivery of another call: new event id and time. */
export function variant(
  record: Record<string, unknown>,
  eventID: string,
  eventTime: string,
): Record<string, unknown> {
  return { ...record, eventID, eventTime };
}

/** Publishes into a list; `failWith` makes every finding fail (as SNS being down would). */
export class RecordingPublisher implements AlertPublisher {
  readonly published: StoredFinding[] = [];
  calls = 0;
  failWith: Error | undefined;
  throwWith: Error | undefined;

  async publish(findings: readonly StoredFinding[]): Promise<readonly PublishResult[]> {
    this.calls++;
    if (this.throwWith) throw this.throwWith;
    const failure = this.failWith;
    if (failure) return findings.map((f) => ({ id: f.id, ok: false as const, error: failure }));
    this.published.push(...findings);
    return findings.map((f) => ({ id: f.id, ok: true as const, messageId: `msg-${f.id}` }));
  }
}

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  info(message: string, data?: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level: 'info', message, ...(data && { data }) });
  }
  warn(message: string, data?: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level: 'warn', message, ...(data && { data }) });
  }
  error(message: string, data?: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level: 'error', message, ...(data && { data }) });
  }
  at(level: LogLine['level']): LogLine[] {
    return this.lines.filter((line) => line.level === level);
  }
}

export class ListDeadLetters implements DeadLetterPort {
  readonly letters: DeadLetter[] = [];
  async send(letter: DeadLetter): Promise<void> {
    this.letters.push(letter);
  }
}

/** Records hand-overs; `failWith` makes `handle` reject. */
export class RecordingRemediation implements RemediationPort {
  readonly handed: { finding: StoredFinding; event: ChangeEvent; request: RemediationRequest | undefined }[] =
    [];
  failWith: Error | undefined;
  async handle(finding: StoredFinding, event: ChangeEvent, request?: RemediationRequest): Promise<void> {
    this.handed.push({ finding, event, request });
    if (this.failWith) throw this.failWith;
  }
}

/**
 * A `StatePort` over a Map, like the DynamoDB one: values by key, counters (kept by a
 * `MemoryState`), and a log of every load, increment and apply so tests can see the rounds.
 */
export class MapStatePort implements StatePort {
  readonly values: Map<string, unknown>;
  readonly loads: (readonly string[])[] = [];
  readonly increments: CounterSpec[] = [];
  readonly applied: StateUpdate[] = [];
  readonly #counters = new MemoryState();
  failLoadsWith: Error | undefined;

  constructor(entries: Iterable<readonly [string, unknown]> = []) {
    this.values = new Map(entries);
  }

  async load(keys: readonly string[]): Promise<ReadonlyMap<string, unknown>> {
    this.loads.push(keys);
    if (this.failLoadsWith) throw this.failLoadsWith;
    return new Map(keys.filter((key) => this.values.has(key)).map((key) => [key, this.values.get(key)]));
  }

  async apply(updates: readonly StateUpdate[]): Promise<void> {
    for (const update of updates) {
      this.applied.push(update);
      if (update.value === undefined) this.values.delete(update.key.key);
      else this.values.set(update.key.key, update.value);
    }
  }

  async increment(counter: CounterSpec, atMs: number): Promise<number> {
    this.increments.push(counter);
    return this.#counters.increment(counter, atMs);
  }
}

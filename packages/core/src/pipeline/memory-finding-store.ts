import { FindingNotFoundError, ParseError } from '../errors.js';
import type { Category } from '../findings/category.js';
import type { Finding } from '../findings/finding.js';
import { assertTransition } from './lifecycle.js';
import type {
  FindingPage,
  FindingQuery,
  FindingStatus,
  FindingStore,
  RecordOptions,
  RecordOutcome,
  ResolveMatch,
  StatusChange,
  StoredFinding,
  TransitionRequest,
} from './ports.js';

/** The dedupe window a finding opened: repeats near its anchor fold into it. */
interface DedupeWindow {
  readonly findingId: string;
  readonly anchorMs: number;
  readonly windowMs: number;
}

type Lane = 'active' | 'suppressed';

const LANE_STATUSES: Readonly<Record<Lane, readonly FindingStatus[]>> = {
  active: ['open', 'acknowledged'],
  suppressed: ['suppressed'],
};

const MAX_PAGE = 1000;

function epochOf(time: string, fallback: string): number {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? Date.parse(fallback) : ms;
}

function earlier(a: string, b: string): string {
  return Date.parse(b) < Date.parse(a) ? b : a;
}

function later(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const offset = (parsed as { offset?: unknown } | null)?.offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch (cause) {
    throw new ParseError('invalid page cursor: not one returned by this store', { input: cursor }, { cause });
  }
  throw new ParseError('invalid page cursor: not one returned by this store', { input: cursor });
}

/**
 * An in-memory `FindingStore` with the same semantics as the DynamoDB store, for
 * `--store memory` and tests:
 * - a finding id is recorded once (`duplicate` on redelivery, also for an event already
 *   folded into another finding as a repeat);
 * - a finding whose dedupe key has an open (or acknowledged) finding whose window covers the
 *   event time, `|time − anchor| < window`, is a `repeat`: count + 1, `firstSeen`/`lastSeen`
 *   widened but never moved inwards (late, out-of-order events do not move `lastSeen` back);
 *   suppressed findings dedupe among themselves, so a suppression does not swallow later
 *   unsuppressed findings; a window of 0 disables dedupe;
 * - windows are measured in event time (the finding's `time`), so replays of old archives
 *   dedupe as the live pipeline would have;
 * - lifecycle transitions follow `FINDING_TRANSITIONS` and fail with `InvalidTransitionError`,
 *   unknown ids with `FindingNotFoundError`.
 *
 * @example
 * const store = new MemoryFindingStore();
 * const outcome = await store.record(finding, { windowMinutes: 60, now: new Date().toISOString() });
 * outcome.kind; // 'new'
 */
export class MemoryFindingStore implements FindingStore {
  readonly #findings = new Map<string, StoredFinding>();
  /** Ids of findings folded into another one as repeats → that finding's id. */
  readonly #folded = new Map<string, string>();
  readonly #windows = new Map<string, DedupeWindow>();

  /** Number of stored findings (repeats are not findings of their own). */
  get size(): number {
    return this.#findings.size;
  }

  async record(finding: Finding, options: RecordOptions): Promise<RecordOutcome> {
    const known = this.#findings.get(finding.id) ?? this.#findings.get(this.#folded.get(finding.id) ?? '');
    if (known) return { kind: 'duplicate', finding: known };
    const lane: Lane = options.suppression ? 'suppressed' : 'active';
    const windowKey = `${lane}\u0000${finding.dedupeKey}`;
    const atMs = epochOf(finding.time, options.now);
    const window = this.#windows.get(windowKey);
    const open = window && this.#findings.get(window.findingId);
    const inWindow = window !== undefined && Math.abs(atMs - window.anchorMs) < window.windowMs;
    if (open && inWindow && LANE_STATUSES[lane].includes(open.status)) {
      const updated: StoredFinding = {
        ...open,
        count: open.count + 1,
        firstSeen: earlier(open.firstSeen, finding.time),
        lastSeen: later(open.lastSeen, finding.time),
        updatedAt: options.now,
      };
      this.#findings.set(open.id, updated);
      this.#folded.set(finding.id, open.id);
      return { kind: 'repeat', finding: updated };
    }
    const stored: StoredFinding = {
      ...finding,
      status: lane === 'suppressed' ? 'suppressed' : 'open',
      count: 1,
      firstSeen: finding.time,
      lastSeen: finding.time,
      alerted: false,
      ...(options.suppression && { suppression: options.suppression }),
      history: [],
      updatedAt: options.now,
    };
    this.#findings.set(finding.id, stored);
    // A late event outside the current window opens its own finding but keeps the newer window.
    const keepCurrent =
      window !== undefined &&
      open !== undefined &&
      LANE_STATUSES[lane].includes(open.status) &&
      window.anchorMs > atMs;
    if (options.windowMinutes > 0 && !keepCurrent) {
      this.#windows.set(windowKey, {
        findingId: finding.id,
        anchorMs: atMs,
        windowMs: options.windowMinutes * 60_000,
      });
    }
    return { kind: 'new', finding: stored };
  }

  async get(id: string): Promise<StoredFinding | undefined> {
    return this.#findings.get(id);
  }

  /** Newest `lastSeen` first; the cursor is opaque. */
  async list(query: FindingQuery): Promise<FindingPage> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_PAGE);
    const offset = decodeCursor(query.cursor);
    const matching = [...this.#findings.values()]
      .filter(
        (f) =>
          (query.status === undefined || f.status === query.status) &&
          (query.severity === undefined || f.severity === query.severity) &&
          (query.account === undefined || f.account === query.account) &&
          (query.resource === undefined || f.resources.includes(query.resource)),
      )
      .sort((a, b) => Date.parse(b.lastSeen) - Date.parse(a.lastSeen) || a.id.localeCompare(b.id));
    const items = matching.slice(offset, offset + limit);
    const next = offset + limit;
    return next < matching.length ? { items, cursor: encodeCursor(next) } : { items };
  }

  async transition(id: string, request: TransitionRequest): Promise<StoredFinding> {
    const current = this.#findings.get(id);
    if (!current) throw new FindingNotFoundError(id);
    assertTransition(id, current.status, request);
    const change: StatusChange = {
      from: current.status,
      to: request.to,
      at: request.now,
      by: request.by,
      ...(request.reason !== undefined && { reason: request.reason }),
    };
    const updated: StoredFinding = {
      ...current,
      status: request.to,
      history: [...current.history, change],
      updatedAt: request.now,
      ...(request.to === 'suppressed' && request.suppression && { suppression: request.suppression }),
    };
    this.#findings.set(id, updated);
    return updated;
  }

  async markAlerted(id: string, at: string): Promise<void> {
    const current = this.#findings.get(id);
    if (!current) throw new FindingNotFoundError(id);
    if (current.alerted) return;
    this.#findings.set(id, { ...current, alerted: true, alertedAt: at, updatedAt: at });
  }

  async listUnalerted(limit: number): Promise<readonly StoredFinding[]> {
    return [...this.#findings.values()]
      .filter((f) => !f.alerted && f.status !== 'suppressed')
      .sort((a, b) => Date.parse(a.firstSeen) - Date.parse(b.firstSeen))
      .slice(0, Math.max(0, limit));
  }

  async resolveOpenByResource(
    account: string,
    region: string,
    resource: string,
    category: Category | undefined,
    by: string,
    now: string,
    match: ResolveMatch = {},
  ): Promise<readonly StoredFinding[]> {
    const targets = [...this.#findings.values()].filter(
      (f) =>
        (f.status === 'open' || f.status === 'acknowledged') &&
        f.account === account &&
        f.region === region &&
        f.resources.includes(resource) &&
        (category === undefined || f.category === category) &&
        (match.ruleId === undefined || f.ruleId === match.ruleId) &&
        (match.dedupeKey === undefined || f.dedupeKey === match.dedupeKey),
    );
    const resolved: StoredFinding[] = [];
    for (const target of targets) {
      resolved.push(
        await this.transition(target.id, {
          to: 'resolved',
          by,
          now,
          reason: match.reason ?? 'the resource was reported compliant',
        }),
      );
    }
    return resolved;
  }
}

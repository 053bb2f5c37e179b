import type { ChangeEvent } from '../events/change-event.js';
import type { Category } from '../findings/category.js';
import type { Finding, FindingSource } from '../findings/finding.js';
import type { Severity } from '../findings/severity.js';
import type { RemediationMode } from '../settings/settings-schema.js';

/**
 * Ports the pipeline drives. The core defines them; packages/adapters implements them with
 * the AWS SDK (DynamoDB, SNS, Slack), and the CLI and tests use the same implementations
 * against local servers (dynalite, DynamoDB Local, fauxqs, a local HTTP server).
 */

/** Lifecycle: `open → acknowledged → resolved | suppressed` (open may go straight to resolved or suppressed). */
export type FindingStatus = 'open' | 'acknowledged' | 'resolved' | 'suppressed';

/** Why a finding is suppressed: the matching suppression, which always has an owner and expiry. */
export interface SuppressionRef {
  readonly id: string;
  readonly owner: string;
  readonly reason: string;
  /** ISO-8601 date-time after which the suppression stops applying. */
  readonly expires: string;
}

/** A status change, kept on the finding for audit. */
export interface StatusChange {
  readonly from: FindingStatus;
  readonly to: FindingStatus;
  readonly at: string;
  readonly by: string;
  readonly reason?: string;
}

/** A finding as the store keeps it. */
export interface StoredFinding extends Finding {
  readonly status: FindingStatus;
  /** Occurrences folded into this finding by the dedupe window (1 for a fresh finding). */
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** True once an alert publisher accepted it; false findings are retried by the outbox. */
  readonly alerted: boolean;
  readonly alertedAt?: string;
  readonly suppression?: SuppressionRef;
  readonly history: readonly StatusChange[];
  readonly updatedAt: string;
}

/** What recording one finding did. */
export type RecordOutcome =
  /** First time this finding (and its dedupe window) was seen: alert it. */
  | { readonly kind: 'new'; readonly finding: StoredFinding }
  /** The same finding id was already recorded (at-least-once redelivery): do nothing. */
  | { readonly kind: 'duplicate'; readonly finding: StoredFinding }
  /** Another event with the same dedupe key inside the window: counted on the open finding, no alert. */
  | { readonly kind: 'repeat'; readonly finding: StoredFinding };

export interface RecordOptions {
  /** Dedupe window for this finding's rule, in minutes. */
  readonly windowMinutes: number;
  /** Set when a suppression matched: the finding is recorded with status `suppressed`. */
  readonly suppression?: SuppressionRef;
  /** Recording time (ISO-8601), injected for tests. */
  readonly now: string;
}

export interface FindingQuery {
  readonly status?: FindingStatus;
  readonly severity?: Severity;
  readonly account?: string;
  readonly resource?: string;
  readonly limit?: number;
  /** Opaque cursor from a previous page. */
  readonly cursor?: string;
}

export interface FindingPage {
  readonly items: readonly StoredFinding[];
  readonly cursor?: string;
}

export interface TransitionRequest {
  readonly to: FindingStatus;
  readonly by: string;
  readonly reason?: string;
  readonly now: string;
  /** For `suppressed`: the owner/reason/expiry of the suppression. */
  readonly suppression?: SuppressionRef;
}

/** Durable, idempotent finding storage (DynamoDB single table in production). */
export interface FindingStore {
  record(finding: Finding, options: RecordOptions): Promise<RecordOutcome>;
  get(id: string): Promise<StoredFinding | undefined>;
  list(query: FindingQuery): Promise<FindingPage>;
  /** Conditional status change; refuses invalid transitions with `InvalidTransitionError`. */
  transition(id: string, request: TransitionRequest): Promise<StoredFinding>;
  markAlerted(id: string, at: string): Promise<void>;
  /** Findings recorded (not suppressed) whose alert has not been accepted yet, oldest first. */
  listUnalerted(limit: number): Promise<readonly StoredFinding[]>;
  /**
   * Resolves the open and acknowledged findings on a resource (Config `COMPLIANT`), optionally
   * only those of one category, and returns them as resolved. `match` narrows further to one
   * rule and dedupe key (one Config rule's finding), so that a COMPLIANT result of one Config
   * rule does not resolve another rule's finding on the same resource; a store that cannot
   * narrow must resolve nothing rather than too much. Stores without it are served by the
   * pipeline through `list` + `transition`.
   */
  resolveOpenByResource?(
    account: string,
    region: string,
    resource: string,
    category: Category | undefined,
    by: string,
    now: string,
    match?: ResolveMatch,
  ): Promise<readonly StoredFinding[]>;
}

/** Narrows `resolveOpenByResource` to one rule's findings with one dedupe key. */
export interface ResolveMatch {
  readonly ruleId?: string;
  readonly dedupeKey?: string;
  /** Recorded in the status history. */
  readonly reason?: string;
}

/** Result of publishing one finding. */
export type PublishResult =
  | { readonly id: string; readonly ok: true; readonly messageId?: string }
  | { readonly id: string; readonly ok: false; readonly error: Error };

/** Sends alerts (SNS, console, Slack …). Must report per finding; never throw for one bad item. */
export interface AlertPublisher {
  publish(findings: readonly StoredFinding[]): Promise<readonly PublishResult[]>;
}

/** What the settings allow remediation to do for one finding. */
export interface RemediationRequest {
  /** `dry-run` plans only; `auto` acts. The pipeline never hands over findings whose rule is `off`. */
  readonly mode: Exclude<RemediationMode, 'off'>;
  /** The rule's remediation action ids. */
  readonly actions: readonly string[];
}

/** Hands findings to remediation (the remediation engine implements it in its own issue). */
export interface RemediationPort {
  handle(finding: StoredFinding, event: ChangeEvent, request?: RemediationRequest): Promise<void>;
}

/**
 * Where the pipeline writes what it does. Structurally compatible with Powertools' `Logger`
 * and with `console`, so either can be injected.
 */
export interface Logger {
  info(message: string, data?: Readonly<Record<string, unknown>>): void;
  warn(message: string, data?: Readonly<Record<string, unknown>>): void;
  error(message: string, data?: Readonly<Record<string, unknown>>): void;
}

/** An input item the pipeline could not use, with the reason; kept for inspection and replay. */
export interface DeadLetter {
  /** The item exactly as received. */
  readonly item: unknown;
  readonly reason: string;
  /** `ParseError` for malformed items. */
  readonly errorName: string;
  readonly source?: FindingSource;
  /** ISO-8601 time the pipeline gave up on it. */
  readonly at: string;
}

/** Receives malformed items (an SQS dead-letter queue in AWS, a file or the console locally). */
export interface DeadLetterPort {
  send(letter: DeadLetter): Promise<void>;
}

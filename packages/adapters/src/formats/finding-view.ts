import type { Finding, FindingStatus, StoredFinding, SuppressionRef } from '@trailwarden/core';
import { epochMillis, isoTimestamp } from './limits.js';

/**
 * What the formats need to know about a finding's life, the same for a fresh `Finding` (just
 * detected, not stored: open, seen once at its event time) and a `StoredFinding` (status,
 * count, first/last seen, last update from the store). Times are normalized ISO-8601 UTC.
 */
export interface FindingLife {
  readonly stored: boolean;
  readonly status: FindingStatus;
  readonly count: number;
  /** When the finding was created: the first occurrence's event time. */
  readonly createdAt: string;
  /** When the finding record last changed; never before `createdAt`. */
  readonly updatedAt: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** True once the store changed the finding after creation (repeats or a status change). */
  readonly changed: boolean;
  readonly suppression?: SuppressionRef;
}

/**
 * True for a finding read from the store (it carries a lifecycle status).
 *
 * @example
 * isStoredFinding(outcome.finding); // true for a RecordOutcome's finding
 */
export function isStoredFinding(finding: Finding | StoredFinding): finding is StoredFinding {
  return 'status' in finding && typeof finding.status === 'string';
}

/**
 * The lifecycle view of a finding. `now` only stands in for times that do not parse, so
 * well-formed findings always map to the same output.
 *
 * @example
 * findingLife(finding, '2026-11-02T10:15:00Z').status; // 'open' for a fresh finding
 */
export function findingLife(finding: Finding | StoredFinding, now: string): FindingLife {
  const eventTime = isoTimestamp(finding.time, now);
  if (!isStoredFinding(finding)) {
    return {
      stored: false,
      status: 'open',
      count: 1,
      createdAt: eventTime,
      updatedAt: eventTime,
      firstSeen: eventTime,
      lastSeen: eventTime,
      changed: false,
    };
  }
  const firstSeen = isoTimestamp(finding.firstSeen, eventTime);
  const lastSeen = latest(isoTimestamp(finding.lastSeen, eventTime), firstSeen);
  // Consumers refuse (or ignore) updates dated before the creation; a clock skew between the
  // event source and the store must not make the update look older than the finding.
  const updatedAt = latest(isoTimestamp(finding.updatedAt, lastSeen), firstSeen);
  return {
    stored: true,
    status: finding.status,
    count: Math.max(1, finding.count),
    createdAt: firstSeen,
    updatedAt,
    firstSeen,
    lastSeen,
    changed: finding.history.length > 0 || finding.count > 1,
    ...(finding.suppression !== undefined && { suppression: finding.suppression }),
  };
}

function latest(a: string, b: string): string {
  return epochMillis(a, '') >= epochMillis(b, '') ? a : b;
}

import { type Finding, FindingSchema, severityRank } from '@trailwarden/core';
import { CorruptItemError } from '../errors.js';
import { describeIssues, FindingItemSchema } from './finding-schema.js';
import { findingKey } from './keys.js';
import type { StoreRecordOptions as RecordOptions, StoredFinding } from './ports.js';

/** Value of the sparse `unalerted` index key while a finding waits for its alert. */
export const UNALERTED = 'PENDING';

/**
 * The JSON body stays well under DynamoDB's 400 KB item limit: rules keep evidence small, and
 * if one ever does not, its `context` is replaced by a note rather than failing the write.
 */
const MAX_BODY_BYTES = 256 * 1024;

/** ISO-8601 in one fixed format (`toISOString`), so index sort keys compare as strings. */
export function isoTime(value: string, fallback: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? fallback : new Date(ms).toISOString();
}

/** The index attributes that depend on status: `openSk` only while open. */
export function openSortKey(finding: Pick<Finding, 'severity' | 'id'>, eventIso: string): string {
  return `${severityRank(finding.severity)}#${eventIso}#${finding.id}`;
}

/** The finding body as stored: its JSON, with an oversized `context` replaced by a note. */
export function findingBody(finding: Finding): string {
  const json = JSON.stringify(finding);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes <= MAX_BODY_BYTES) return json;
  return JSON.stringify({
    ...finding,
    context: {
      truncated: true,
      note: `evidence of ${bytes} bytes exceeded the store's ${MAX_BODY_BYTES}-byte limit`,
    },
  });
}

/**
 * The item for a freshly recorded finding. `eventIso` is the event time (window clock,
 * firstSeen/lastSeen), `nowIso` the recording time (outbox order, updatedAt).
 */
export function newFindingItem(
  finding: Finding,
  options: RecordOptions,
  eventIso: string,
  nowIso: string,
): { readonly item: Record<string, unknown>; readonly stored: StoredFinding } {
  const status = options.suppression ? 'suppressed' : 'open';
  const body = findingBody(finding);
  const stored: StoredFinding = {
    ...(JSON.parse(body) as Finding),
    status,
    count: 1,
    firstSeen: eventIso,
    lastSeen: eventIso,
    alerted: false,
    ...(options.suppression ? { suppression: options.suppression } : {}),
    history: [],
    updatedAt: nowIso,
  };
  const item: Record<string, unknown> = {
    ...findingKey(finding.id),
    body,
    status,
    count: 1,
    firstSeen: eventIso,
    lastSeen: eventIso,
    // The finding's own event is the first one seen, so its redelivery is never counted.
    seenEvents: new Set([finding.eventId || finding.id]),
    alerted: false,
    suppression: options.suppression,
    history: [],
    updatedAt: nowIso,
    recordedAt: nowIso,
    severity: finding.severity,
    category: finding.category,
    region: finding.region,
    ruleId: finding.ruleId,
    account: finding.account || undefined,
    resource: finding.resources[0] || undefined,
    timeSk: `${eventIso}#${finding.id}`,
    openSk: status === 'open' ? openSortKey(finding, eventIso) : undefined,
    // Suppressed findings never enter the outbox.
    unalerted: status === 'open' ? UNALERTED : undefined,
    unalertedSk: `${eventIso}#${finding.id}`,
  };
  return { item, stored };
}

/**
 * Reads a finding item (from the table or an index) back into a `StoredFinding`.
 *
 * @example
 * const finding = storedFindingFromItem(output.Item);
 */
export function storedFindingFromItem(item: Record<string, unknown>): StoredFinding {
  const key = typeof item.PK === 'string' ? item.PK : '(no key)';
  const parsed = FindingItemSchema.safeParse(item);
  if (!parsed.success) throw new CorruptItemError(key, describeIssues(parsed.error), { cause: parsed.error });
  let json: unknown;
  try {
    json = JSON.parse(parsed.data.body);
  } catch (error) {
    throw new CorruptItemError(key, 'body is not JSON', { cause: error });
  }
  const body = FindingSchema.safeParse(json);
  if (!body.success)
    throw new CorruptItemError(key, `body: ${describeIssues(body.error)}`, { cause: body.error });
  const { PK: _pk, body: _body, ...lifecycle } = parsed.data;
  return { ...body.data, ...lifecycle };
}

/** The seen-event set of a raw item (the document client returns DynamoDB string sets as `Set`). */
export function seenEvents(item: Record<string, unknown>): ReadonlySet<string> {
  const value = item.seenEvents;
  return value instanceof Set ? (value as Set<string>) : new Set();
}

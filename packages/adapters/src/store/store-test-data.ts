import { type Category, type Finding, FindingSchema, type Severity, stableHash } from '@trailwarden/core';
import { beforeEach } from 'vitest';
import base from './fixtures/finding.json' with { type: 'json' };
import type { FindingStatus, FindingStore, StoreRecordOptions, SuppressionRef } from './ports.js';

/**
 * Test data for the store contract: variations of one real-shaped finding (fixtures/finding.json).
 * Ids follow the core's rule: hash of (rule id, event id).
 */

export const BASE_FINDING: Finding = FindingSchema.parse(base);
const BASE_MS = Date.parse(BASE_FINDING.time);

/** The base finding's time plus `minutes`, as ISO-8601. */
export const minutesAfter = (minutes: number): string => new Date(BASE_MS + minutes * 60_000).toISOString();

export interface FindingSpec {
  /** The CloudTrail eventID; the finding id derives from it. */
  readonly event: string;
  readonly key?: string;
  readonly minute?: number;
  readonly severity?: Severity;
  readonly account?: string;
  readonly region?: string;
  readonly resource?: string;
  readonly category?: Category;
  readonly ruleId?: string;
}

export function findingFor(spec: FindingSpec): Finding {
  const ruleId = spec.ruleId ?? BASE_FINDING.ruleId;
  return {
    ...BASE_FINDING,
    id: stableHash([ruleId, spec.event]),
    ruleId,
    eventId: spec.event,
    dedupeKey: spec.key ?? BASE_FINDING.dedupeKey,
    time: minutesAfter(spec.minute ?? 0),
    severity: spec.severity ?? BASE_FINDING.severity,
    category: spec.category ?? BASE_FINDING.category,
    account: spec.account ?? BASE_FINDING.account,
    region: spec.region ?? BASE_FINDING.region,
    resources: [spec.resource ?? BASE_FINDING.resources[0] ?? 'arn:aws:s3:::example-logs'],
  };
}

export const recordOptions = (overrides: Partial<StoreRecordOptions> = {}): StoreRecordOptions => ({
  windowMinutes: 60,
  now: minutesAfter(1),
  ...overrides,
});

export const SUPPRESSION: SuppressionRef = {
  id: 'sup-deploy-bucket',
  owner: 'platform-team@example.com',
  reason: 'Public website bucket, reviewed in SEC-142',
  expires: '2027-06-30T00:00:00Z',
};

/** Records a fresh finding and walks it to `status` through allowed steps. */
export async function findingInStatus(
  store: FindingStore,
  event: string,
  status: FindingStatus,
): Promise<string> {
  const outcome = await store.record(findingFor({ event, key: `key-${event}` }), recordOptions());
  const id = outcome.finding.id;
  const request = { by: 'alice', now: minutesAfter(2) };
  if (status === 'acknowledged') await store.transition(id, { ...request, to: 'acknowledged' });
  if (status === 'resolved') await store.transition(id, { ...request, to: 'resolved' });
  if (status === 'suppressed')
    await store.transition(id, { ...request, to: 'suppressed', suppression: SUPPRESSION });
  return id;
}

/** Registers a beforeEach (in the calling describe) that makes an empty store; returns its accessor. */
export function freshStorePerTest(makeStore: () => Promise<FindingStore>): () => FindingStore {
  let current: FindingStore | undefined;
  beforeEach(async () => {
    current = await makeStore();
  }, 60_000);
  return () => {
    if (current === undefined) throw new Error('the store is created in beforeEach');
    return current;
  };
}

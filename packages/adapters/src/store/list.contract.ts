import { FindingStatusSchema, type Severity, SeveritySchema, severityRank } from '@trailwarden/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import dataset from './fixtures/list-dataset.json' with { type: 'json' };
import type { FindingQuery, FindingStore, StoredFinding } from './ports.js';
import { findingFor, findingInStatus, minutesAfter, recordOptions, SUPPRESSION } from './store-test-data.js';

const RowSchema = z.object({
  event: z.string(),
  minute: z.number(),
  severity: SeveritySchema,
  account: z.string(),
  resource: z.string(),
  status: FindingStatusSchema,
});
const QuerySchema = z.object({
  name: z.string(),
  query: z.object({
    status: FindingStatusSchema.optional(),
    severity: SeveritySchema.optional(),
    account: z.string().optional(),
    resource: z.string().optional(),
  }),
});
const rows = z.array(RowSchema).parse(dataset.findings);
const queries = z.array(QuerySchema).parse(dataset.queries);
type Row = z.infer<typeof RowSchema>;

/**
 * The reference answer: the rows a query matches, in the order the contract promises —
 * open findings by severity then newest first, every other index query newest first; a query
 * with neither status, account nor resource has no order (compared as a set).
 */
function expected(query: FindingQuery): { events: string[]; ordered: boolean } {
  const matches = rows.filter(
    (row) =>
      (query.status === undefined || row.status === query.status) &&
      (query.severity === undefined || row.severity === query.severity) &&
      (query.account === undefined || row.account === query.account) &&
      (query.resource === undefined || row.resource === query.resource),
  );
  const bySeverity = query.status === 'open' && query.account === undefined && query.resource === undefined;
  const rank = (severity: Severity) => (bySeverity ? severityRank(severity) : 0);
  matches.sort((a: Row, b: Row) => rank(b.severity) - rank(a.severity) || b.minute - a.minute);
  const ordered = query.status !== undefined || query.account !== undefined || query.resource !== undefined;
  return { events: matches.map((row) => row.event), ordered };
}

async function pages(store: FindingStore, query: FindingQuery, limit: number): Promise<StoredFinding[][]> {
  const all: StoredFinding[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ ...query, limit, ...(cursor === undefined ? {} : { cursor }) });
    all.push([...page.items]);
    cursor = page.cursor;
  } while (cursor !== undefined && all.length < 50);
  return all;
}

async function seed(store: FindingStore): Promise<void> {
  for (const row of rows) {
    const outcome = await store.record(
      findingFor({ ...row, key: `k-${row.event}` }),
      recordOptions({ now: minutesAfter(row.minute) }),
    );
    const id = outcome.finding.id;
    const request = { by: 'alice', now: minutesAfter(20) };
    if (row.status === 'acknowledged') await store.transition(id, { ...request, to: 'acknowledged' });
    if (row.status === 'resolved') await store.transition(id, { ...request, to: 'resolved' });
    if (row.status === 'suppressed')
      await store.transition(id, { ...request, to: 'suppressed', suppression: SUPPRESSION });
  }
}

/**
 * `list` on each access path, with paging. The queries only read, so they share one seeded
 * store (seeding per test would dominate the suite's time on DynamoDB Local).
 */
export function describeListContract(makeStore: () => Promise<FindingStore>): void {
  describe('list', () => {
    let seeded: FindingStore | undefined;
    beforeAll(async () => {
      seeded = await makeStore();
      await seed(seeded);
    }, 120_000);
    const read = (): FindingStore => {
      if (seeded === undefined) throw new Error('the list store is seeded in beforeAll');
      return seeded;
    };

    it.each(queries)('answers "$name" in one page', async ({ query }) => {
      // Act
      const page = await read().list({ ...query, limit: 100 });

      // Assess
      const want = expected(query);
      const got = page.items.map((finding) => finding.eventId);
      expect(want.events.length).toBeGreaterThan(0);
      expect(want.ordered ? got : [...got].sort()).toEqual(
        want.ordered ? want.events : [...want.events].sort(),
      );
      expect(page.cursor).toBeUndefined();
    });

    it.each(queries)('pages "$name" two at a time without gaps or repeats', async ({ query }) => {
      const all = await pages(read(), query, 2);

      const want = expected(query);
      const got = all.flat().map((finding) => finding.eventId);
      expect(all.every((page) => page.length <= 2)).toBe(true);
      expect(want.ordered ? got : [...got].sort()).toEqual(
        want.ordered ? want.events : [...want.events].sort(),
      );
    });

    it('moves a finding from the open path to the by-status path when it leaves open', async () => {
      const store = await makeStore();
      const id = await findingInStatus(store, 'ls-extra', 'open');
      const openBefore = await store.list({ status: 'open', limit: 100 });

      await store.transition(id, { to: 'acknowledged', by: 'alice', now: minutesAfter(3) });

      const open = await store.list({ status: 'open', limit: 100 });
      const acknowledged = await store.list({ status: 'acknowledged', limit: 100 });
      expect(openBefore.items.map((finding) => finding.id)).toEqual([id]);
      expect(open.items).toEqual([]);
      expect(acknowledged.items.map((finding) => finding.id)).toEqual([id]);
    });
  });
}

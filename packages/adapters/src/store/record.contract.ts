import { describe, expect, it } from 'vitest';
import type { FindingStore, RecordOutcome } from './ports.js';
import {
  findingFor,
  freshStorePerTest,
  minutesAfter,
  recordOptions,
  SUPPRESSION,
} from './store-test-data.js';

/** `record`: new / duplicate / repeat, windows, suppression and concurrency. */
export function describeRecordContract(makeStore: () => Promise<FindingStore>): void {
  describe('record', () => {
    const store = freshStorePerTest(makeStore);

    it('records a first finding as new: open, count 1, unalerted, no history', async () => {
      // Prepare
      const finding = findingFor({ event: 'evt-first' });

      // Act
      const outcome = await store().record(finding, recordOptions());

      // Assess
      expect(outcome.kind).toBe('new');
      expect(outcome.finding).toMatchObject({
        id: finding.id,
        status: 'open',
        count: 1,
        alerted: false,
        history: [],
      });
      expect(outcome.finding.firstSeen).toBe(minutesAfter(0));
      expect(await store().get(finding.id)).toEqual(outcome.finding);
    });

    it('returns duplicate for a redelivered finding and does not count it', async () => {
      const finding = findingFor({ event: 'evt-redelivered' });
      await store().record(finding, recordOptions());

      const again = await store().record(finding, recordOptions({ now: minutesAfter(3) }));

      expect(again.kind).toBe('duplicate');
      expect(again.finding.count).toBe(1);
      expect((await store().get(finding.id))?.count).toBe(1);
    });

    it('counts another event with the same dedupe key inside the window as a repeat', async () => {
      const first = findingFor({ event: 'evt-a', key: 'k-repeat' });
      await store().record(first, recordOptions());

      const outcome = await store().record(
        findingFor({ event: 'evt-b', key: 'k-repeat', minute: 30 }),
        recordOptions(),
      );

      expect(outcome.kind).toBe('repeat');
      expect(outcome.finding).toMatchObject({
        id: first.id,
        count: 2,
        firstSeen: minutesAfter(0),
        lastSeen: minutesAfter(30),
      });
    });

    it('treats a redelivered repeat as a duplicate of the open finding', async () => {
      const first = findingFor({ event: 'evt-c', key: 'k-rerepeat' });
      const repeat = findingFor({ event: 'evt-d', key: 'k-rerepeat', minute: 5 });
      await store().record(first, recordOptions());
      await store().record(repeat, recordOptions());

      const again = await store().record(repeat, recordOptions());

      expect(again).toMatchObject({ kind: 'duplicate', finding: { id: first.id, count: 2 } });
    });

    it.each([
      { name: 'at the window end', minute: 60, kind: 'new' },
      { name: 'after the window', minute: 61, kind: 'new' },
      { name: 'just inside the window', minute: 59, kind: 'repeat' },
    ])('measures the window on event time: an event $name is $kind', async ({ minute, kind }) => {
      await store().record(findingFor({ event: 'evt-w1', key: 'k-window' }), recordOptions());

      const outcome = await store().record(
        findingFor({ event: 'evt-w2', key: 'k-window', minute }),
        recordOptions(),
      );

      expect(outcome.kind).toBe(kind);
    });

    it('never moves lastSeen backwards for an out-of-order repeat', async () => {
      await store().record(findingFor({ event: 'evt-o1', key: 'k-order', minute: 10 }), recordOptions());
      await store().record(findingFor({ event: 'evt-o2', key: 'k-order', minute: 20 }), recordOptions());

      const late = await store().record(
        findingFor({ event: 'evt-o3', key: 'k-order', minute: 15 }),
        recordOptions(),
      );

      expect(late.kind).toBe('repeat');
      expect(late.finding).toMatchObject({
        count: 3,
        firstSeen: minutesAfter(10),
        lastSeen: minutesAfter(20),
      });
    });

    it('widens firstSeen for an earlier event inside the window', async () => {
      await store().record(findingFor({ event: 'evt-e1', key: 'k-early', minute: 10 }), recordOptions());

      const early = await store().record(
        findingFor({ event: 'evt-e2', key: 'k-early', minute: 5 }),
        recordOptions(),
      );

      expect(early).toMatchObject({
        kind: 'repeat',
        finding: { count: 2, firstSeen: minutesAfter(5), lastSeen: minutesAfter(10) },
      });
    });

    it('gives a late event from before the window its own finding and keeps the newer window', async () => {
      const current = await store().record(
        findingFor({ event: 'evt-l1', key: 'k-lateold', minute: 100 }),
        recordOptions(),
      );

      const late = await store().record(
        findingFor({ event: 'evt-l2', key: 'k-lateold', minute: 30 }),
        recordOptions(),
      );
      const next = await store().record(
        findingFor({ event: 'evt-l3', key: 'k-lateold', minute: 110 }),
        recordOptions(),
      );

      expect(late.kind).toBe('new');
      expect(next).toMatchObject({ kind: 'repeat', finding: { id: current.finding.id, count: 2 } });
    });

    it('keeps suppressed and unsuppressed findings of one dedupe key apart', async () => {
      const suppressed = await store().record(
        findingFor({ event: 'evt-s1', key: 'k-lane' }),
        recordOptions({ suppression: SUPPRESSION }),
      );

      const unsuppressed = await store().record(
        findingFor({ event: 'evt-s2', key: 'k-lane', minute: 5 }),
        recordOptions(),
      );
      const again = await store().record(
        findingFor({ event: 'evt-s3', key: 'k-lane', minute: 6 }),
        recordOptions({ suppression: SUPPRESSION }),
      );

      expect(unsuppressed).toMatchObject({ kind: 'new', finding: { status: 'open' } });
      expect(again).toMatchObject({ kind: 'repeat', finding: { id: suppressed.finding.id, count: 2 } });
    });

    it('ends the window of a finding suppressed by hand: the next event is a new finding', async () => {
      const first = await store().record(findingFor({ event: 'evt-h1', key: 'k-hand' }), recordOptions());
      await store().transition(first.finding.id, {
        to: 'suppressed',
        by: 'alice',
        now: minutesAfter(2),
        suppression: SUPPRESSION,
      });

      const next = await store().record(
        findingFor({ event: 'evt-h2', key: 'k-hand', minute: 3 }),
        recordOptions(),
      );

      expect(next.kind).toBe('new');
    });

    it('treats a window of 0 minutes as no dedupe', async () => {
      const options = recordOptions({ windowMinutes: 0 });
      await store().record(findingFor({ event: 'evt-z1', key: 'k-zero' }), options);

      const second = await store().record(findingFor({ event: 'evt-z2', key: 'k-zero' }), options);
      const redelivered = await store().record(findingFor({ event: 'evt-z2', key: 'k-zero' }), options);

      expect([second.kind, redelivered.kind]).toEqual(['new', 'duplicate']);
    });

    it('records a suppressed finding as suppressed and keeps it out of the outbox', async () => {
      const finding = findingFor({ event: 'evt-suppressed', key: 'k-suppressed' });

      const outcome = await store().record(finding, recordOptions({ suppression: SUPPRESSION }));

      expect(outcome).toMatchObject({
        kind: 'new',
        finding: { status: 'suppressed', suppression: SUPPRESSION },
      });
      expect((await store().listUnalerted(100)).map((f) => f.id)).not.toContain(finding.id);
    });

    it('starts a new finding when the open one was resolved inside the window', async () => {
      const first = await store().record(findingFor({ event: 'evt-r1', key: 'k-resolved' }), recordOptions());
      await store().transition(first.finding.id, { to: 'resolved', by: 'aws-config', now: minutesAfter(5) });

      const again = await store().record(
        findingFor({ event: 'evt-r2', key: 'k-resolved', minute: 10 }),
        recordOptions(),
      );

      expect(again.kind).toBe('new');
      expect(again.finding.id).not.toBe(first.finding.id);
      const later = await store().record(
        findingFor({ event: 'evt-r3', key: 'k-resolved', minute: 12 }),
        recordOptions(),
      );
      expect(later).toMatchObject({ kind: 'repeat', finding: { id: again.finding.id, count: 2 } });
    });

    it('recognises a redelivery that arrives after a newer window opened', async () => {
      const old = findingFor({ event: 'evt-old', key: 'k-late' });
      await store().record(old, recordOptions());
      await store().record(findingFor({ event: 'evt-new', key: 'k-late', minute: 90 }), recordOptions());

      const redelivered = await store().record(old, recordOptions({ now: minutesAfter(120) }));

      expect(redelivered).toMatchObject({ kind: 'duplicate', finding: { id: old.id, count: 1 } });
    });

    it('records 50 concurrent deliveries of the same finding once (one new, count 1)', async () => {
      const finding = findingFor({ event: 'evt-burst', key: 'k-burst' });

      const outcomes = await Promise.all(
        Array.from({ length: 50 }, () => store().record(finding, recordOptions())),
      );

      expect(tally(outcomes)).toEqual({ new: 1, duplicate: 49, repeat: 0 });
      expect((await store().get(finding.id))?.count).toBe(1);
    }, 60_000);

    it('folds 50 concurrent events inside one window into one finding with count 50', async () => {
      const findings = Array.from({ length: 50 }, (_, i) =>
        findingFor({ event: `evt-storm-${i}`, key: 'k-storm' }),
      );

      const outcomes = await Promise.all(findings.map((finding) => store().record(finding, recordOptions())));

      expect(tally(outcomes)).toEqual({ new: 1, duplicate: 0, repeat: 49 });
      const owner = outcomes.find((outcome) => outcome.kind === 'new')?.finding.id ?? '';
      expect((await store().get(owner))?.count).toBe(50);
      const others = findings.filter((finding) => finding.id !== owner);
      expect(await Promise.all(others.map((finding) => store().get(finding.id)))).toEqual(
        others.map(() => undefined),
      );
    }, 60_000);
  });
}

function tally(outcomes: readonly RecordOutcome[]): Record<RecordOutcome['kind'], number> {
  const counts: Record<RecordOutcome['kind'], number> = { new: 0, duplicate: 0, repeat: 0 };
  for (const outcome of outcomes) counts[outcome.kind]++;
  return counts;
}

import { FindingStatusSchema } from '@trailwarden/core';
import { describe, expect, it } from 'vitest';
import transitions from './fixtures/transitions.json' with { type: 'json' };
import type { FindingStatus, FindingStore } from './ports.js';
import {
  findingFor,
  findingInStatus,
  freshStorePerTest,
  minutesAfter,
  SUPPRESSION,
} from './store-test-data.js';

const pairs = (rows: readonly (readonly string[])[]) =>
  rows.map(([from, to]) => ({ from: FindingStatusSchema.parse(from), to: FindingStatusSchema.parse(to) }));

/** `transition`, `markAlerted` and the outbox. */
export function describeLifecycleContract(makeStore: () => Promise<FindingStore>): void {
  describe('lifecycle', () => {
    const store = freshStorePerTest(makeStore);

    it.each(pairs(transitions.allowed))(
      'allows $from → $to and records it in history',
      async ({ from, to }) => {
        // Prepare
        const id = await findingInStatus(store(), `evt-${from}-${to}`, from);
        const before = (await store().get(id))?.history.length ?? 0;

        // Act
        const after = await store().transition(id, {
          to,
          by: 'bob',
          reason: 'triaged',
          now: minutesAfter(3),
          ...(to === 'suppressed' ? { suppression: SUPPRESSION } : {}),
        });

        // Assess
        expect(after.status).toBe(to);
        expect(after.history).toHaveLength(before + 1);
        expect(after.history.at(-1)).toEqual({ from, to, by: 'bob', reason: 'triaged', at: minutesAfter(3) });
        expect(await store().get(id)).toEqual(after);
      },
    );

    it.each(pairs(transitions.refused))(
      'refuses $from → $to naming id, from and to',
      async ({ from, to }) => {
        const id = await findingInStatus(store(), `evt-no-${from}-${to}`, from);

        const attempt = store().transition(id, {
          to,
          by: 'bob',
          now: minutesAfter(3),
          suppression: SUPPRESSION,
        });

        await expect(attempt).rejects.toMatchObject({ name: 'InvalidTransitionError' });
        await expect(attempt).rejects.toThrow(new RegExp(`${id}.*${from}.*${to}`));
        expect((await store().get(id))?.status).toBe(from);
      },
    );

    it('refuses to suppress without an owned, time-boxed suppression', async () => {
      const id = await findingInStatus(store(), 'evt-bare-suppress', 'open');

      await expect(
        store().transition(id, { to: 'suppressed', by: 'bob', now: minutesAfter(3) }),
      ).rejects.toMatchObject({
        name: 'InvalidTransitionError',
      });
    });

    it('reports an unknown finding with FindingNotFoundError', async () => {
      await expect(
        store().transition('no-such-finding', { to: 'resolved', by: 'bob', now: minutesAfter(3) }),
      ).rejects.toMatchObject({ name: 'FindingNotFoundError' });
      await expect(store().markAlerted('no-such-finding', minutesAfter(3))).rejects.toMatchObject({
        name: 'FindingNotFoundError',
      });
    });

    it.each([
      { first: 'resolved', second: 'suppressed' },
      { first: 'acknowledged', second: 'acknowledged' },
    ] satisfies { first: FindingStatus; second: FindingStatus }[])(
      'lets exactly one of two concurrent conflicting changes win ($first vs $second)',
      async ({ first, second }) => {
        const id = await findingInStatus(store(), `evt-race-${first}-${second}`, 'open');
        const change = (to: FindingStatus, by: string) =>
          store().transition(id, { to, by, now: minutesAfter(4), suppression: SUPPRESSION });

        const results = await Promise.allSettled([change(first, 'alice'), change(second, 'bob')]);

        const won = results.filter((result) => result.status === 'fulfilled');
        const lost = results.filter((result) => result.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]?.status === 'rejected' ? lost[0].reason : undefined).toMatchObject({
          name: 'InvalidTransitionError',
        });
        expect((await store().get(id))?.history).toHaveLength(1);
      },
    );
  });

  describe('outbox', () => {
    const store = freshStorePerTest(makeStore);

    it('lists unalerted findings oldest event first, up to the limit', async () => {
      for (const [i, minute] of [5, 1, 3].entries()) {
        await store().record(findingInOutbox(i, minute), {
          windowMinutes: 60,
          now: minutesAfter(30 - minute),
        });
      }

      const two = await store().listUnalerted(2);

      expect(two.map((finding) => finding.eventId)).toEqual(['evt-outbox-1', 'evt-outbox-2']);
    });

    it('drops a finding from the outbox once alerted, keeping the first alert time', async () => {
      const outcome = await store().record(findingInOutbox(7, 0), {
        windowMinutes: 60,
        now: minutesAfter(1),
      });

      await store().markAlerted(outcome.finding.id, minutesAfter(2));
      await store().markAlerted(outcome.finding.id, minutesAfter(9));

      expect(await store().listUnalerted(10)).toEqual([]);
      expect(await store().get(outcome.finding.id)).toMatchObject({
        alerted: true,
        alertedAt: minutesAfter(2),
      });
    });
  });
}

function findingInOutbox(i: number, minute: number) {
  return findingFor({ event: `evt-outbox-${i}`, key: `k-outbox-${i}`, minute });
}

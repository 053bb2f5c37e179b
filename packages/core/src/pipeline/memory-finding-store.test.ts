import { describe, expect, it } from 'vitest';
import { FindingNotFoundError, InvalidTransitionError, ParseError } from '../errors.js';
import type { Finding } from '../findings/finding.js';
import type { Severity } from '../findings/severity.js';
import { FINDING_TRANSITIONS } from './lifecycle.js';
import { MemoryFindingStore } from './memory-finding-store.js';
import type { FindingStatus, SuppressionRef } from './ports.js';

const NOW = '2026-11-02T12:00:00Z';
const SUPPRESSION: SuppressionRef = {
  id: 'ci',
  owner: 'platform',
  reason: 'CI users',
  expires: '2027-01-31T00:00:00Z',
};

function finding(id: string, overrides: Partial<Finding> = {}): Finding {
  return {
    id,
    ruleId: 'iam-user-created',
    category: 'iam_user_or_key_created',
    severity: 'medium',
    title: 'IAM user created',
    summary: `user ${id} created`,
    eventId: `event-${id}`,
    eventName: 'CreateUser',
    eventSource: 'iam.amazonaws.com',
    account: '111122223333',
    region: 'us-east-1',
    time: '2026-11-02T10:00:00Z',
    actor: {
      type: 'IAMUser',
      arn: 'arn:aws:iam::111122223333:user/alice',
      mfa: true,
      provenance: 'human-api',
    },
    resources: ['arn:aws:iam::111122223333:user/build'],
    context: {},
    references: {},
    runbook: '…',
    dedupeKey: 'iam-user-created|111122223333|arn:aws:iam::111122223333:user/build',
    remediation: [],
    ...overrides,
  };
}

async function storeWithStatus(status: FindingStatus): Promise<MemoryFindingStore> {
  const store = new MemoryFindingStore();
  await store.record(finding('f'), { windowMinutes: 60, now: NOW });
  if (status === 'acknowledged' || status === 'resolved')
    await store.transition('f', { to: 'acknowledged', by: 'a', now: NOW });
  if (status === 'resolved') await store.transition('f', { to: 'resolved', by: 'a', now: NOW });
  if (status === 'suppressed')
    await store.transition('f', { to: 'suppressed', by: 'a', now: NOW, suppression: SUPPRESSION });
  return store;
}

const STATUSES: readonly FindingStatus[] = ['open', 'acknowledged', 'resolved', 'suppressed'];

describe('MemoryFindingStore lifecycle', () => {
  const cases = STATUSES.flatMap((from) =>
    STATUSES.map((to) => ({ from, to, allowed: FINDING_TRANSITIONS[from].includes(to) })),
  );

  it.each(cases)('$from → $to allowed: $allowed', async ({ from, to, allowed }) => {
    // Prepare
    const store = await storeWithStatus(from);
    // Act
    const run = () =>
      store.transition('f', {
        to,
        by: 'bob',
        reason: 'triage',
        now: NOW,
        ...(to === 'suppressed' && { suppression: SUPPRESSION }),
      });
    // Assess
    if (!allowed) {
      await expect(run()).rejects.toThrow(InvalidTransitionError);
      await expect(run()).rejects.toThrow(`finding f: cannot change status from ${from} to ${to}`);
      expect((await store.get('f'))?.status).toBe(from);
      return;
    }
    const updated = await run();
    expect(updated.status).toBe(to);
    expect(updated.history.at(-1)).toEqual({ from, to, at: NOW, by: 'bob', reason: 'triage' });
  });

  it('refuses a suppression without owner, reason and expiry', async () => {
    // Prepare
    const store = await storeWithStatus('open');
    // Act
    const run = () => store.transition('f', { to: 'suppressed', by: 'bob', now: NOW });
    // Assess
    await expect(run()).rejects.toThrow('a suppression needs an owner, a reason and an expiry date-time');
  });

  it('names unknown ids', async () => {
    // Prepare
    const store = new MemoryFindingStore();
    // Act / Assess
    await expect(store.transition('nope', { to: 'resolved', by: 'a', now: NOW })).rejects.toThrow(
      FindingNotFoundError,
    );
    await expect(store.markAlerted('nope', NOW)).rejects.toThrow('finding nope not found');
  });
});

describe('MemoryFindingStore recording', () => {
  it('keeps suppressed findings apart from open ones when deduplicating', async () => {
    // Prepare
    const store = new MemoryFindingStore();
    // Act
    const suppressed = await store.record(finding('a'), {
      windowMinutes: 60,
      now: NOW,
      suppression: SUPPRESSION,
    });
    const open = await store.record(finding('b', { time: '2026-11-02T10:05:00Z' }), {
      windowMinutes: 60,
      now: NOW,
    });
    const repeat = await store.record(finding('c', { time: '2026-11-02T10:06:00Z' }), {
      windowMinutes: 60,
      now: NOW,
    });
    // Assess
    expect([suppressed.kind, suppressed.finding.status]).toEqual(['new', 'suppressed']);
    expect(suppressed.finding.suppression).toEqual(SUPPRESSION);
    expect([open.kind, open.finding.status]).toEqual(['new', 'open']);
    expect([repeat.kind, repeat.finding.id, repeat.finding.count]).toEqual(['repeat', 'b', 2]);
  });

  it('treats a redelivered repeat as a duplicate, not another repeat', async () => {
    // Prepare
    const store = new MemoryFindingStore();
    await store.record(finding('a'), { windowMinutes: 60, now: NOW });
    const second = finding('b', { time: '2026-11-02T10:10:00Z' });
    await store.record(second, { windowMinutes: 60, now: NOW });
    // Act
    const again = await store.record(second, { windowMinutes: 60, now: NOW });
    // Assess
    expect([again.kind, again.finding.id, again.finding.count]).toEqual(['duplicate', 'a', 2]);
  });

  it.each([
    { name: 'window 0 disables dedupe', window: 0, time: '2026-11-02T10:00:01Z', kind: 'new' },
    { name: 'inside the window', window: 60, time: '2026-11-02T10:59:00Z', kind: 'repeat' },
    { name: 'at the end of the window', window: 60, time: '2026-11-02T11:00:00Z', kind: 'new' },
    { name: 'late, inside the window before', window: 60, time: '2026-11-02T09:30:00Z', kind: 'repeat' },
  ])('$name → $kind', async ({ window, time, kind }) => {
    // Prepare
    const store = new MemoryFindingStore();
    await store.record(finding('a'), { windowMinutes: window, now: NOW });
    // Act
    const outcome = await store.record(finding('b', { time }), { windowMinutes: window, now: NOW });
    // Assess
    expect(outcome.kind).toBe(kind);
  });

  it('starts a new finding after the open one was resolved', async () => {
    // Prepare
    const store = new MemoryFindingStore();
    await store.record(finding('a'), { windowMinutes: 60, now: NOW });
    await store.transition('a', { to: 'resolved', by: 'bob', now: NOW });
    // Act
    const outcome = await store.record(finding('b', { time: '2026-11-02T10:01:00Z' }), {
      windowMinutes: 60,
      now: NOW,
    });
    // Assess
    expect(outcome.kind).toBe('new');
  });
});

describe('MemoryFindingStore queries', () => {
  const severities: Severity[] = ['low', 'high', 'high', 'critical', 'medium'];

  async function filled(): Promise<MemoryFindingStore> {
    const store = new MemoryFindingStore();
    for (const [i, severity] of severities.entries()) {
      await store.record(
        finding(`f${i}`, {
          severity,
          time: `2026-11-02T1${i}:00:00Z`,
          dedupeKey: `k${i}`,
          account: i === 4 ? '444455556666' : '111122223333',
          resources: [`arn:aws:iam::111122223333:user/u${i % 2}`],
        }),
        { windowMinutes: 60, now: NOW },
      );
    }
    await store.transition('f1', { to: 'acknowledged', by: 'a', now: NOW });
    return store;
  }

  it.each([
    { query: {}, ids: ['f4', 'f3', 'f2', 'f1', 'f0'] },
    { query: { severity: 'high' as const }, ids: ['f2', 'f1'] },
    { query: { status: 'open' as const, severity: 'high' as const }, ids: ['f2'] },
    { query: { account: '444455556666' }, ids: ['f4'] },
    { query: { resource: 'arn:aws:iam::111122223333:user/u1' }, ids: ['f3', 'f1'] },
  ])('list $query', async ({ query, ids }) => {
    // Prepare
    const store = await filled();
    // Act
    const page = await store.list(query);
    // Assess
    expect(page.items.map((f) => f.id)).toEqual(ids);
    expect(page.cursor).toBeUndefined();
  });

  it('pages with an opaque cursor and rejects one it did not make', async () => {
    // Prepare
    const store = await filled();
    // Act
    const first = await store.list({ limit: 2 });
    const second = await store.list({ limit: 2, cursor: first.cursor });
    const third = await store.list({ limit: 2, cursor: second.cursor });
    // Assess
    expect([first, second, third].map((p) => p.items.map((f) => f.id))).toEqual([
      ['f4', 'f3'],
      ['f2', 'f1'],
      ['f0'],
    ]);
    expect(third.cursor).toBeUndefined();
    await expect(store.list({ cursor: 'not-a-cursor' })).rejects.toThrow(ParseError);
  });

  it('lists unalerted findings oldest first, without suppressed ones, and marks alerted once', async () => {
    // Prepare
    const store = await filled();
    await store.record(finding('s', { dedupeKey: 'ks', time: '2026-11-02T09:00:00Z' }), {
      windowMinutes: 60,
      now: NOW,
      suppression: SUPPRESSION,
    });
    await store.markAlerted('f0', '2026-11-02T12:01:00Z');
    // Act
    await store.markAlerted('f0', '2026-11-02T12:09:00Z');
    const unalerted = await store.listUnalerted(3);
    // Assess
    expect(unalerted.map((f) => f.id)).toEqual(['f1', 'f2', 'f3']);
    expect((await store.get('f0'))?.alertedAt).toBe('2026-11-02T12:01:00Z');
  });

  it('resolveOpenByResource narrows by category, rule and dedupe key', async () => {
    // Prepare
    const store = await filled();
    const resource = 'arn:aws:iam::111122223333:user/u1';
    // Act
    const none = await store.resolveOpenByResource(
      '111122223333',
      'us-east-1',
      resource,
      'noncompliant_resource',
      'cfg',
      NOW,
    );
    const one = await store.resolveOpenByResource(
      '111122223333',
      'us-east-1',
      resource,
      undefined,
      'cfg',
      NOW,
      {
        dedupeKey: 'k3',
        reason: 'compliant again',
      },
    );
    // Assess
    expect(none).toEqual([]);
    expect(one.map((f) => [f.id, f.status, f.history.at(-1)?.reason])).toEqual([
      ['f3', 'resolved', 'compliant again'],
    ]);
    expect((await store.get('f1'))?.status).toBe('acknowledged');
  });
});

import { describe, expect, it } from 'vitest';
import { CorruptItemError } from '../errors.js';
import { findingBody, isoTime, newFindingItem, storedFindingFromItem } from './finding-item.js';
import { BASE_FINDING, recordOptions, SUPPRESSION } from './store-test-data.js';

describe('finding items', () => {
  it('round-trips a new finding through its item', () => {
    const { item, stored } = newFindingItem(
      BASE_FINDING,
      recordOptions(),
      '2026-11-02T10:15:00.000Z',
      '2026-11-02T10:16:00.000Z',
    );

    expect(storedFindingFromItem(item)).toEqual(stored);
    expect(item).toMatchObject({
      status: 'open',
      unalerted: 'PENDING',
      openSk: `3#2026-11-02T10:15:00.000Z#${BASE_FINDING.id}`,
      resource: 'arn:aws:s3:::example-logs',
      seenEvents: new Set([BASE_FINDING.eventId]),
    });
  });

  it('keeps a suppressed finding out of the open index and the outbox', () => {
    const { item } = newFindingItem(BASE_FINDING, recordOptions({ suppression: SUPPRESSION }), 't', 'n');

    expect(item.status).toBe('suppressed');
    expect(item.openSk).toBeUndefined();
    expect(item.unalerted).toBeUndefined();
  });

  it.each([
    { value: '2026-11-02T10:15:00Z', expected: '2026-11-02T10:15:00.000Z' },
    { value: '2026-11-02T12:15:00+02:00', expected: '2026-11-02T10:15:00.000Z' },
    { value: 'yesterday', expected: 'fallback' },
  ])('normalises time $value', ({ value, expected }) => {
    expect(isoTime(value, 'fallback')).toBe(expected);
  });

  it('replaces oversized evidence by a note and keeps the rest', () => {
    const huge = { ...BASE_FINDING, context: { blob: 'x'.repeat(400 * 1024) } };

    const body = JSON.parse(findingBody(huge));

    expect(body.context).toMatchObject({ truncated: true });
    expect(body.id).toBe(BASE_FINDING.id);
  });

  it.each([
    { name: 'an unknown status', patch: { status: 'closed' }, reason: /status/ },
    { name: 'a body that is not JSON', patch: { body: '{' }, reason: /not JSON/ },
    {
      name: 'a body without a severity',
      patch: { body: JSON.stringify({ ...BASE_FINDING, severity: 'urgent' }) },
      reason: /body: severity/,
    },
  ])('refuses an item with $name, naming it', ({ patch, reason }) => {
    const { item } = newFindingItem(BASE_FINDING, recordOptions(), 't', 'n');

    expect(() => storedFindingFromItem({ ...item, ...patch })).toThrow(CorruptItemError);
    expect(() => storedFindingFromItem({ ...item, ...patch })).toThrow(reason);
  });
});

import { describe, expect, it } from 'vitest';
import { counterSlotKey, dedupePointerKey, findingKey, remediationKey, stateItemKey } from './keys.js';

describe('item keys', () => {
  it.each([
    { name: 'finding', key: findingKey('f1'), pk: 'FINDING#f1', sk: 'FINDING' },
    {
      name: 'dedupe pointer',
      key: dedupePointerKey('rule#111122223333#bucket'),
      pk: 'DEDUPE#rule#111122223333#bucket',
      sk: 'DEDUPE',
    },
    {
      name: 'state',
      key: stateItemKey('password-policy#111122223333'),
      pk: 'STATE#password-policy#111122223333',
      sk: 'STATE',
    },
    {
      name: 'counter slot',
      key: counterSlotKey('login#198.51.100.7', 30_000, 1_700_000_010_000),
      pk: 'COUNTER#login#198.51.100.7#30000#1700000010000',
      sk: 'COUNTER',
    },
    {
      name: 'remediation audit',
      key: remediationKey('f1', '2026-11-02T10:15:00Z', 'kms-enable-key'),
      pk: 'FINDING#f1',
      sk: 'REMEDIATION#2026-11-02T10:15:00Z#kms-enable-key',
    },
  ])('builds the $name key', ({ key, pk, sk }) => {
    expect(key).toEqual({ PK: pk, SK: sk });
  });

  it('replaces an overlong part by a stable hash so the key stays under DynamoDB limits', () => {
    const long = `iam-inline-policy-widening#${'x'.repeat(3000)}`;

    const first = dedupePointerKey(long);

    expect(first).toEqual(dedupePointerKey(long));
    expect(first.PK).toMatch(/^DEDUPE#sha256:[0-9a-f]{64}$/);
    expect(dedupePointerKey(`${long}y`).PK).not.toBe(first.PK);
  });
});

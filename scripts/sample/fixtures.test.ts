import { describe, expect, it } from 'vitest';
import { defineRule } from '../../packages/core/src/index.js';
import { loadFixtureSequences, recordOf } from './fixtures.js';
import { DEMO_RULE, DEMO_RULES_DIR } from './test-support.js';

describe('loadFixtureSequences', () => {
  const { sequences, skipped } = loadFixtureSequences(DEMO_RULES_DIR, [DEMO_RULE]);

  it('reads every positive fixture as a sequence of CloudTrail records, in file-name order', () => {
    expect(sequences.map((s) => [s.name, s.records.map((r) => r.eventName)])).toEqual([
      ['match-eventbridge-iam.json', ['AttachUserPolicy']],
      ['match-log-file-sequence.json', ['CreateTrail', 'DeleteBucket']],
      ['match-lookup-entry.json', ['ListAttachedUserPolicies']],
    ]);
    expect(sequences.every((s) => s.ruleId === 'demo-rule' && s.category === 'cloudtrail_tampering')).toBe(
      true,
    );
  });

  it('leaves out what the default scan of a CloudTrail archive cannot judge, saying why', () => {
    expect(skipped).toEqual([
      {
        ruleId: 'demo-rule',
        name: 'match-config-compliance.json',
        reason: 'EventBridge detail-type "Config Rules Compliance Change" is not a CloudTrail record',
      },
      {
        ruleId: 'demo-rule',
        name: 'match-needs-settings.json',
        reason: 'needs settings the default scan does not have',
      },
    ]);
  });

  it('ignores rules without a fixtures folder', () => {
    const other = defineRule({ ...DEMO_RULE, id: 'no-such-rule' });
    expect(loadFixtureSequences(DEMO_RULES_DIR, [other])).toEqual({ sequences: [], skipped: [] });
  });
});

describe('recordOf', () => {
  it.each([
    { name: 'a number', item: 7, reason: 'item is not an object' },
    {
      name: 'an event without detail',
      item: { 'detail-type': 'AWS API Call via CloudTrail' },
      reason: 'EventBridge event without a detail',
    },
    { name: 'a broken lookup entry', item: { CloudTrailEvent: '{' }, reason: /^CloudTrailEvent is not JSON/ },
    {
      name: 'an object without event name',
      item: { eventSource: 'iam.amazonaws.com' },
      reason: 'not a CloudTrail record (no eventSource/eventName)',
    },
  ])('explains why $name is not a record', ({ item, reason }) => {
    const result = recordOf(item);
    expect(typeof result).toBe('string');
    if (typeof reason === 'string') expect(result).toBe(reason);
    else expect(result).toMatch(reason);
  });
});

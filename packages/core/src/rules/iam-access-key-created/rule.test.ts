import { buildChangeEvent, describeRuleFixtures } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../events/change-event.js';
import { DEFAULT_DETECTION_SETTINGS } from '../../settings/detection-settings.js';
import { MemoryState } from '../../state/memory-state.js';
import rule from './rule.js';

describeRuleFixtures(rule, new URL('./fixtures/', import.meta.url));

const alice: Actor = {
  type: 'IAMUser',
  arn: 'arn:aws:iam::111122223333:user/alice',
  accountId: '111122223333',
  userName: 'alice',
  mfaUsed: true,
  viaConsole: false,
  provenance: 'human-api',
};
const context = { settings: DEFAULT_DETECTION_SETTINGS, state: new MemoryState(), count: 0 };

describe('iam-access-key-created judgement', () => {
  it('keeps only the key id, even if a record ever carried a secret', () => {
    // Prepare: CloudTrail does not log the secret; a hand-made or foreign record might.
    const event = buildChangeEvent({
      eventName: 'CreateAccessKey',
      requestParameters: { userName: 'bob' },
      responseElements: {
        accessKey: {
          userName: 'bob',
          accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          status: 'Active',
        },
      },
    });
    // Act
    const match = rule.match(event, context);
    // Assess
    expect(match?.context).toMatchObject({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      targetUser: 'bob',
      self: false,
    });
    expect(JSON.stringify(match)).not.toContain('wJalrXUtnFEMI');
  });

  it.each([
    ['an IAM user naming itself', { ...alice, userName: 'Alice' }, { userName: 'alice' }, true],
    ['an IAM user naming no one', alice, {}, true],
    [
      'a role session named like the user',
      { ...alice, type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/alice/alice' },
      { userName: 'alice' },
      false,
    ],
  ])('judges %s as self: %s', (_name, actor, requestParameters, self) => {
    // Prepare
    const event = buildChangeEvent({ eventName: 'CreateAccessKey', actor, requestParameters });
    // Act
    const match = rule.match(event, context);
    // Assess
    expect(match?.context?.self).toBe(self);
    expect(match?.severity).toBe(self ? 'low' : 'medium');
  });
});

import { buildChangeEvent, describeRuleFixtures } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION_SETTINGS } from '../../settings/detection-settings.js';
import { MemoryState } from '../../state/memory-state.js';
import type { RuleContext } from '../define-rule.js';
import rule from './rule.js';

describeRuleFixtures(rule, new URL('./fixtures/', import.meta.url));

const context = (): RuleContext => ({
  settings: DEFAULT_DETECTION_SETTINGS,
  state: new MemoryState(),
  count: 0,
});
const ADMIN = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

describe('iam-inline-policy-widening edge cases', () => {
  it.each([['PutUserPolicy'], ['PutRolePolicy'], ['PutGroupPolicy']])(
    '%s without request parameters is reported as unanalyzable, not dropped',
    (eventName) => {
      // Act
      const match = rule.match(buildChangeEvent({ eventName, requestParameters: {} }), context());
      // Assess
      expect(match?.severity).toBe('high');
      expect(match?.context).toHaveProperty('parseError');
    },
  );

  it('flags a principal widening its own inline policy, and dedupes per principal and policy', () => {
    // Prepare
    const event = buildChangeEvent({
      eventName: 'PutUserPolicy',
      requestParameters: { userName: 'alice', policyName: 'mine', policyDocument: ADMIN },
    });
    // Act
    const match = rule.match(event, context());
    // Assess
    expect(match?.severity).toBe('critical');
    expect(match?.summary).toContain('user alice (itself)');
    expect(match?.context).toMatchObject({
      selfChange: true,
      principal: 'arn:aws:iam::111122223333:user/alice',
    });
    expect(match?.dedupe).toEqual(['arn:aws:iam::111122223333:user/alice', 'mine']);
  });
});

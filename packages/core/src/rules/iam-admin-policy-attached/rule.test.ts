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
describe('iam-admin-policy-attached edge cases', () => {
  it.each([['AttachUserPolicy'], ['AttachRolePolicy'], ['AttachGroupPolicy']])(
    '%s without request parameters raises nothing (no policy to judge)',
    (eventName) => {
      expect(rule.match(buildChangeEvent({ eventName, requestParameters: {} }), context())).toBeUndefined();
    },
  );

  it('dedupes per principal and policy', () => {
    // Prepare
    const event = buildChangeEvent({
      eventName: 'AttachRolePolicy',
      requestParameters: { roleName: 'ops', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    });
    // Act
    const match = rule.match(event, context());
    // Assess
    expect(match?.dedupe).toEqual([
      'arn:aws:iam::111122223333:role/ops',
      'arn:aws:iam::aws:policy/AdministratorAccess',
    ]);
    expect(match?.context).toMatchObject({ selfChange: false, adminBy: 'aws-managed-policy-name' });
  });
});

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
describe('iam-user-added-to-admin-group edge cases', () => {
  it('AddUserToGroup without request parameters raises nothing', () => {
    expect(
      rule.match(buildChangeEvent({ eventName: 'AddUserToGroup', requestParameters: {} }), context()),
    ).toBeUndefined();
  });
});

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
describe('iam-managed-policy-widening edge cases', () => {
  it.each<[string, string | undefined]>([
    ['CreatePolicy', 'high'],
    ['CreatePolicyVersion', 'high'],
    ['SetDefaultPolicyVersion', 'medium'],
  ])('%s without request parameters is still reported (%s)', (eventName, severity) => {
    // Act
    const match = rule.match(buildChangeEvent({ eventName, requestParameters: {} }), context());
    // Assess
    expect(match?.severity).toBe(severity);
  });
});

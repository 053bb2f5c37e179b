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
describe('iam-permissions-boundary-changed edge cases', () => {
  it.each<[string, string | undefined]>([
    ['DeleteUserPermissionsBoundary', 'high'],
    ['DeleteRolePermissionsBoundary', 'high'],
    ['PutUserPermissionsBoundary', undefined],
    ['PutRolePermissionsBoundary', undefined],
  ])('%s without request parameters → %s', (eventName, severity) => {
    // Act
    const match = rule.match(buildChangeEvent({ eventName, requestParameters: {} }), context());
    // Assess: a deletion is reported without a name (high is the rule default); a put cannot be judged.
    expect(match === undefined ? undefined : (match.severity ?? rule.severity)).toBe(severity);
  });
});

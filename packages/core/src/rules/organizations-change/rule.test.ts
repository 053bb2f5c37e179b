import { buildChangeEvent, describeRuleFixtures } from '@trailwarden/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION_SETTINGS } from '../../settings/detection-settings.js';
import { MemoryState } from '../../state/memory-state.js';
import rule from './rule.js';

describeRuleFixtures(rule, new URL('./fixtures/', import.meta.url));

const context = { settings: DEFAULT_DETECTION_SETTINGS, state: new MemoryState(), count: 0 };

describe('organizations-change severity', () => {
  it.each([
    ['RemoveAccountFromOrganization', { accountId: '444455556666' }, 'high'],
    ['DeleteOrganization', {}, 'high'],
    ['DeletePolicy', { policyId: 'p-4f8k2m9q1z' }, 'high'],
    ['DisablePolicyType', { rootId: 'r-x7ab', policyType: 'RESOURCE_CONTROL_POLICY' }, 'high'],
    ['DisablePolicyType', { rootId: 'r-x7ab', policyType: 'TAG_POLICY' }, 'medium'],
    [
      'DeregisterDelegatedAdministrator',
      { accountId: '444455556666', servicePrincipal: 'securityhub.amazonaws.com' },
      'high',
    ],
    ['DisableAWSServiceAccess', { servicePrincipal: 'ssm.amazonaws.com' }, 'info'],
    [
      'MoveAccount',
      { accountId: '444455556666', sourceParentId: 'r-x7ab', destinationParentId: 'ou-x7ab-1c2d3e4f' },
      'info',
    ],
    ['AttachPolicy', { policyId: 'p-4f8k2m9q1z', targetId: 'ou-x7ab-1c2d3e4f' }, 'info'],
    [
      'UpdatePolicy',
      { policyId: 'p-4f8k2m9q1z', content: '{"Version":"2012-10-17","Statement":[]}' },
      'info',
    ],
    ['EnableAllFeatures', {}, 'info'],
  ])('%s %j → %s', (eventName, requestParameters, severity) => {
    // Prepare
    const event = buildChangeEvent({
      eventSource: 'organizations.amazonaws.com',
      eventName,
      requestParameters,
    });
    // Act / Assess
    expect(rule.match(event, context)?.severity).toBe(severity);
  });
});

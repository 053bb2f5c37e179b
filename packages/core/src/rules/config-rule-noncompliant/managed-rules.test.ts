import { describe, expect, it } from 'vitest';
import { MANAGED_RULES, managedRuleFor } from './managed-rules.js';

describe('managedRuleFor', () => {
  it.each([
    ['root-account-mfa-enabled', 'root-account-mfa-enabled', 'critical'],
    ['securityhub-root-account-mfa-enabled-6f1e2d', 'root-account-mfa-enabled', 'critical'],
    ['root-account-hardware-mfa-enabled', 'root-account-hardware-mfa-enabled', 'high'],
    ['cloudtrail-enabled', 'cloudtrail-enabled', 'high'],
    // Contains `cloudtrail-enabled` too: the longer, more specific name wins.
    ['securityhub-multi-region-cloudtrail-enabled-9f8e7d', 'multi-region-cloudtrail-enabled', 'high'],
    ['AWSControlTower_AWS-GR_RESTRICTED_SSH', 'restricted-ssh', 'high'],
    ['RESTRICTED_INCOMING_TRAFFIC-restricted-common-ports', 'restricted-common-ports', 'high'],
    ['s3-account-level-public-access-blocks-periodic', 's3-account-level-public-access-blocks', 'high'],
    ['iam-password-policy-conformance-pack-abc123', 'iam-password-policy', 'medium'],
    ['mfa-enabled-for-iam-console-access', 'mfa-enabled-for-iam-console-access', 'medium'],
    ['access-keys-rotated', 'access-keys-rotated', 'low'],
  ])('%s → %s (%s)', (name, expected, severity) => {
    // Act
    const managed = managedRuleFor(name);
    // Assess
    expect(managed?.name).toBe(expected);
    expect(managed?.severity).toBe(severity);
  });

  it.each(['required-tags', 'my-custom-check', 'ec2-instance-managed-by-systems-manager'])(
    '%s → unknown',
    (name) => {
      expect(managedRuleFor(name)).toBeUndefined();
    },
  );

  it('has unique names, each matching itself', () => {
    // Prepare
    const names = MANAGED_RULES.map((rule) => rule.name);
    // Assess
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(managedRuleFor(name)?.name).toBe(name);
  });
});

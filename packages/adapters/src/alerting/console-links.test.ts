import { describe, expect, it } from 'vitest';
import { findingConsoleUrl } from './console-links.js';
import { loadFinding } from './test-findings.js';

describe('findingConsoleUrl', () => {
  it.each([
    {
      case: 'a commercial region',
      region: 'us-east-1',
      expected:
        'https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1#/events/3a2f6d1e-9b4c-4e7a-8f21-6c5d4b3a2e10',
    },
    {
      case: 'a China region',
      region: 'cn-north-1',
      expected:
        'https://console.amazonaws.cn/cloudtrail/home?region=cn-north-1#/events/3a2f6d1e-9b4c-4e7a-8f21-6c5d4b3a2e10',
    },
    {
      case: 'a GovCloud region',
      region: 'us-gov-west-1',
      expected:
        'https://console.amazonaws-us-gov.com/cloudtrail/home?region=us-gov-west-1#/events/3a2f6d1e-9b4c-4e7a-8f21-6c5d4b3a2e10',
    },
    { case: 'an empty region', region: '', expected: undefined },
    { case: 'a region that is not a region name', region: 'us-east-1.evil.example/#', expected: undefined },
  ])('links the CloudTrail event for $case', ({ region, expected }) => {
    // Prepare
    const finding = loadFinding('root-console-login-critical', { region });

    // Act
    const url = findingConsoleUrl(finding);

    // Assess
    expect(url).toBe(expected);
  });

  it('links the Config rule for an AWS Config finding, whose event id is not a CloudTrail event', () => {
    // Prepare
    const finding = loadFinding('config-restricted-ssh-high');

    // Act
    const url = findingConsoleUrl(finding);

    // Assess
    expect(url).toBe(
      'https://ap-southeast-2.console.aws.amazon.com/config/home?region=ap-southeast-2#/rules/details?configRuleName=restricted-ssh',
    );
  });

  it('encodes an event id that is not a plain uuid', () => {
    const url = findingConsoleUrl(loadFinding('iam-user-created-low', { eventId: 'a/b?c#d' }));
    expect(url?.endsWith('#/events/a%2Fb%3Fc%23d')).toBe(true);
  });
});

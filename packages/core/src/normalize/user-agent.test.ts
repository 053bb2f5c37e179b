import { describe, expect, it } from 'vitest';
import {
  isCliOrSdkUserAgent,
  isConsoleUserAgent,
  UA_CLI_OR_SDK,
  UA_CONSOLE,
  UA_DEPLOY_TOOL,
  UA_SERVICE_HOST,
  userAgentTraits,
} from './user-agent.js';

describe('userAgentTraits', () => {
  it.each([
    ['console.amazonaws.com', UA_CONSOLE],
    ['console.ec2.amazonaws.com', UA_CONSOLE],
    ['signin.amazonaws.com', UA_CONSOLE],
    ['[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.488 Linux/5.10.210]', UA_CONSOLE],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/122.0.0.0', UA_CONSOLE],
    ['lambda.amazonaws.com', UA_SERVICE_HOST],
    ['cloudformation.amazonaws.com', UA_SERVICE_HOST],
    ['AWS Internal', 0],
    ['aws-cli/2.15.21 md/awscrt#0.19.19 ua/2.0', UA_CLI_OR_SDK],
    ['Boto3/1.34.49 md/Botocore#1.34.49 ua/2.0', UA_CLI_OR_SDK],
    ['botocore/1.34.49', UA_CLI_OR_SDK],
    ['aws-sdk-go-v2/1.25.2 os/linux', UA_CLI_OR_SDK],
    ['AWSPowerShell.Common/4.1.532.0 .NET_Core/6.0.27', UA_CLI_OR_SDK],
    [
      'APN/1.0 HashiCorp/1.0 Terraform/1.7.4 terraform-provider-aws/5.39.1 aws-sdk-go-v2/1.25.2',
      UA_DEPLOY_TOOL,
    ],
    ['aws-sdk-js/2.1550.0 promise aws-cdk/2.130.0', UA_CLI_OR_SDK | UA_DEPLOY_TOOL],
    ['pulumi-aws/6.25.0 Pulumi/3.108.1', UA_DEPLOY_TOOL],
    ['python-requests/2.31.0', 0],
    ['', 0],
    [undefined, 0],
  ])('%s → %i', (userAgent, expected) => {
    // Asked twice: the second answer comes from the cache and must not differ.
    expect(userAgentTraits(userAgent)).toBe(expected);
    expect(userAgentTraits(userAgent)).toBe(expected);
  });

  it('keeps answering correctly after the cache has been flooded with distinct user agents', () => {
    for (let i = 0; i < 5000; i++) userAgentTraits(`random-agent-${i}`);
    expect(userAgentTraits('aws-cli/2.15.21')).toBe(UA_CLI_OR_SDK);
    expect(userAgentTraits('random-agent-4999')).toBe(0);
  });
});

describe('isConsoleUserAgent / isCliOrSdkUserAgent', () => {
  it('read the matching flag', () => {
    expect(isConsoleUserAgent('console.amazonaws.com')).toBe(true);
    expect(isConsoleUserAgent('aws-cli/2.15.21')).toBe(false);
    expect(isCliOrSdkUserAgent('aws-cli/2.15.21')).toBe(true);
    expect(isCliOrSdkUserAgent('console.amazonaws.com')).toBe(false);
  });
});

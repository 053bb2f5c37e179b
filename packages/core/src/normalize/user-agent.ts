/**
 * What a user agent says about the caller. Real logs hold a handful of distinct user
 * agents (the console, a CLI version, an SDK, Terraform …) repeated across thousands of
 * records, so the traits of each are computed once and cached: a memo lookup costs less
 * than the prefix and substring scans over a 150-character string.
 */

import { StringMemo } from './string-memo.js';

/** Bit flags returned by {@link userAgentTraits}. */
export const UA_CONSOLE = 1;
export const UA_CLI_OR_SDK = 2;
export const UA_DEPLOY_TOOL = 4;
export const UA_SERVICE_HOST = 8;

/**
 * User-agent fragments written by infrastructure-as-code tools. (CloudFormation is judged
 * from `invokedBy` and its host name, in provenance.)
 * - `Terraform`, `terraform-provider-`, `APN/1.0 HashiCorp`: the Terraform AWS provider;
 * - `aws-cdk`: the CDK CLI (bootstrap, deploy, asset publishing);
 * - `Pulumi`: the Pulumi AWS provider.
 */
export const DEPLOY_USER_AGENT_SIGNALS: readonly string[] = [
  'Terraform',
  'terraform-provider-',
  'APN/1.0 HashiCorp',
  'aws-cdk',
  'Pulumi',
];

/**
 * User-agent prefixes (lower-cased) of the AWS CLI, SDKs and PowerShell tools a person uses
 * from a terminal or script.
 */
export const CLI_SDK_USER_AGENT_PREFIXES: readonly string[] = [
  'aws-cli/',
  'aws-sdk-',
  'boto3/',
  'botocore/',
  'awspowershell',
  'aws-powershell',
];

function computeTraits(ua: string): number {
  let traits = 0;
  // Console hosts (`console.amazonaws.com`, `console.ec2.amazonaws.com`), sign-in, the S3
  // console (`[S3Console/0.4, …]`) and browsers: API calls straight from a browser come from console pages.
  if (
    ua === 'signin.amazonaws.com' ||
    (ua.startsWith('console.') && ua.endsWith('amazonaws.com')) ||
    ua.startsWith('Mozilla/') ||
    ua.includes('S3Console/')
  ) {
    traits |= UA_CONSOLE;
  } else if (ua.endsWith('.amazonaws.com') && !ua.includes(' ')) {
    // A bare service host (`lambda.amazonaws.com`) is the service calling.
    traits |= UA_SERVICE_HOST;
  }
  const lower = ua.toLowerCase();
  for (const prefix of CLI_SDK_USER_AGENT_PREFIXES) {
    if (lower.startsWith(prefix)) {
      traits |= UA_CLI_OR_SDK;
      break;
    }
  }
  for (const signal of DEPLOY_USER_AGENT_SIGNALS) {
    if (ua.includes(signal)) {
      traits |= UA_DEPLOY_TOOL;
      break;
    }
  }
  return traits;
}

/** Bounded by its slot count: a flood of distinct user agents (random strings) cannot grow memory. */
const cache = new StringMemo<number>(2048);

/**
 * The {@link UA_CONSOLE} / {@link UA_CLI_OR_SDK} / {@link UA_DEPLOY_TOOL} /
 * {@link UA_SERVICE_HOST} flags of a user agent (0 when absent).
 *
 * @example
 * (userAgentTraits('aws-cli/2.15.21 ua/2.0') & UA_CLI_OR_SDK) !== 0; // true
 */
export function userAgentTraits(userAgent: string | undefined): number {
  if (!userAgent) return 0;
  return cache.get(userAgent) ?? cache.set(userAgent, computeTraits(userAgent));
}

/**
 * True for user agents the AWS console writes: the console hosts, sign-in, the S3 console
 * and browsers.
 *
 * @example
 * isConsoleUserAgent('console.ec2.amazonaws.com'); // true
 */
export function isConsoleUserAgent(userAgent: string | undefined): boolean {
  return (userAgentTraits(userAgent) & UA_CONSOLE) !== 0;
}

/**
 * True when the user agent is the AWS CLI, an AWS SDK or AWS Tools for PowerShell.
 *
 * @example
 * isCliOrSdkUserAgent('Boto3/1.34.49 md/Botocore#1.34.49'); // true
 */
export function isCliOrSdkUserAgent(userAgent: string | undefined): boolean {
  return (userAgentTraits(userAgent) & UA_CLI_OR_SDK) !== 0;
}

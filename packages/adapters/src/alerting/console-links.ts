import type { Finding } from '@trailwarden/core';

// Region names as AWS spells them; anything else is not put into a link (it came from a record).
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * Base URL of the AWS console for a region, across partitions.
 *
 * @example
 * consoleBaseUrl('eu-west-1'); // 'https://eu-west-1.console.aws.amazon.com'
 */
export function consoleBaseUrl(region: string): string {
  if (region.startsWith('cn-')) return 'https://console.amazonaws.cn';
  if (region.startsWith('us-gov-')) return 'https://console.amazonaws-us-gov.com';
  return `https://${region}.console.aws.amazon.com`;
}

/**
 * Where a person looks at the evidence: the CloudTrail event history entry for CloudTrail
 * findings, the Config rule for AWS Config findings (their event id is a hash, not a CloudTrail
 * event). Undefined when the region is not a real region name.
 *
 * @example
 * findingConsoleUrl(finding);
 * // 'https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1#/events/6b1c…'
 */
export function findingConsoleUrl(
  finding: Pick<Finding, 'region' | 'eventId' | 'eventSource' | 'context'>,
): string | undefined {
  const { region } = finding;
  if (!REGION.test(region)) return undefined;
  const base = `${consoleBaseUrl(region)}`;
  if (finding.eventSource === 'config.amazonaws.com') {
    const rule = finding.context.configRule;
    return typeof rule === 'string' && rule !== ''
      ? `${base}/config/home?region=${region}#/rules/details?configRuleName=${encodeURIComponent(rule)}`
      : `${base}/config/home?region=${region}#/dashboard`;
  }
  return `${base}/cloudtrail/home?region=${region}#/events/${encodeURIComponent(finding.eventId)}`;
}

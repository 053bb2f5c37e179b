import type { Finding } from '@trailwarden/core';

/** The `eventName`s normalization gives AWS Config inputs; they are not API calls. */
const CONFIG_EVENT_NAMES: ReadonlySet<string> = new Set([
  'ComplianceChange',
  'ConfigurationItemChange',
  'OversizedConfigurationItemChange',
  'CustomRuleInvocation',
]);

/**
 * True when the finding was raised on a CloudTrail record (an API call, console sign-in or
 * service event), false for AWS Config compliance and configuration-item events, which have
 * no caller, API or source address to report.
 *
 * @example
 * isApiCallFinding({ eventSource: 'config.amazonaws.com', eventName: 'ComplianceChange', … }); // false
 */
export function isApiCallFinding(finding: Pick<Finding, 'eventSource' | 'eventName'>): boolean {
  if (!/\S/.test(finding.eventName)) return false;
  return !(finding.eventSource === 'config.amazonaws.com' && CONFIG_EVENT_NAMES.has(finding.eventName));
}

import type { ChangeEvent } from '../../events/change-event.js';
import { partitionOf } from '../../normalize/resources.js';

/** Partition of a region (`aws-cn`, `aws-us-gov`, else `aws`); re-exported for rule helpers. */
export { partitionOf };

/**
 * ARNs for resources that CloudTrail names only by id (EC2 network objects, GuardDuty
 * detectors, flow logs …), so findings carry an ARN the store can index by resource even when
 * the record has no `resources[]` block.
 */

/**
 * A regional ARN in the event's account and region.
 *
 * @example
 * regionalArn(event, 'ec2', 'security-group/sg-0123456789abcdef0');
 * // 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0123456789abcdef0'
 */
export function regionalArn(
  event: Pick<ChangeEvent, 'account' | 'region'>,
  service: string,
  resource: string,
): string {
  return `arn:${partitionOf(event.region)}:${service}:${event.region}:${event.account}:${resource}`;
}

/**
 * The resources for a finding: the ARNs built from ids the rule read, followed by the
 * event's own resources that are not already listed (the first one drives the default dedupe).
 *
 * @example
 * withResources(event, [regionalArn(event, 'ec2', 'vpc/vpc-1'), undefined]);
 * // ['arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1', ...event.resources]
 */
export function withResources(event: ChangeEvent, arns: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const arn of [...arns, ...event.resources]) {
    if (arn !== undefined && arn !== '' && !out.includes(arn)) out.push(arn);
  }
  return out;
}

/**
 * Where an event happened, for summaries.
 *
 * @example
 * whereLabel({ account: '111122223333', region: 'us-east-1' }); // 'account 111122223333 (us-east-1)'
 */
export function whereLabel(event: Pick<ChangeEvent, 'account' | 'region'>): string {
  return `account ${event.account} (${event.region})`;
}

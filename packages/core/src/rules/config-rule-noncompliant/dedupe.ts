import type { ConfigDetails } from '../../events/change-event.js';

/**
 * The dedupe parts of a compliance finding: one open finding per resource and Config rule.
 * Exported so the store can find the open finding a later COMPLIANT result resolves.
 *
 * @example
 * complianceDedupeParts({ kind: 'compliance-change', resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-1', configRuleName: 'restricted-ssh' });
 * // ['AWS::EC2::SecurityGroup/sg-1', 'restricted-ssh']
 */
export function complianceDedupeParts(config: ConfigDetails): string[] {
  return [
    `${config.resourceType ?? ''}/${config.resourceId ?? ''}`,
    config.configRuleName ?? '(unnamed Config rule)',
  ];
}

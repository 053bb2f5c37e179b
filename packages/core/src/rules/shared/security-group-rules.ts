import type { ChangeEvent } from '../../events/change-event.js';
import type { Severity } from '../../findings/severity.js';
import { maxSeverity } from '../../findings/severity.js';
import { bool, field, items, list, num, obj, str } from '../../util/fields.js';
import { assessExposure, isWorldCidr } from './port-exposure.js';

/**
 * Reads the security group rules an authorize, revoke or `ModifySecurityGroupRules` record
 * names, in every shape CloudTrail logs them:
 * - `AuthorizeSecurityGroupIngress` request: `ipPermissions.items[]` with `ipProtocol`,
 *   `fromPort`, `toPort`, `ipRanges.items[].cidrIp`, `ipv6Ranges.items[].cidrIpv6`
 *   (`groups` and `prefixListIds` sources are other groups / prefix lists, never "the world");
 * - the legacy flat request (`cidrIp`, `ipProtocol`, `fromPort`, `toPort`);
 * - when the request carries neither, the response's `securityGroupRuleSet.items[]`
 *   (`isEgress`, `cidrIpv4`, `cidrIpv6`), which also names the created rule ids;
 * - `ModifySecurityGroupRules`: `ModifySecurityGroupRulesRequest.SecurityGroupRule` (one object
 *   or a list) of `{ SecurityGroupRuleId, SecurityGroupRule: { IpProtocol, FromPort, ToPort,
 *   CidrIpv4 | CidrIpv6 | ReferencedGroupId | PrefixListId } }`. CloudTrail does not say whether
 *   a modified rule is ingress or egress, so these are judged as ingress (see the rule's runbook).
 */
export interface SecurityGroupRuleChange {
  readonly protocol: unknown;
  readonly fromPort?: number | undefined;
  readonly toPort?: number | undefined;
  /** IPv4/IPv6 CIDR source; undefined for group or prefix-list sources. */
  readonly cidr?: string | undefined;
  readonly ruleId?: string | undefined;
  /** True for `ModifySecurityGroupRules`, whose direction CloudTrail does not record. */
  readonly directionUnknown: boolean;
}

/**
 * The security group an event acts on (`groupId`, the Modify request's `GroupId`, or `groupName`).
 *
 * @example
 * securityGroupOf(event); // 'sg-0a1b2c3d4e5f60718'
 */
export function securityGroupOf(event: ChangeEvent): string | undefined {
  const request = event.requestParameters;
  return (
    str(request, 'groupId') ??
    str(request, 'ModifySecurityGroupRulesRequest.GroupId') ??
    str(request, 'groupName') ??
    str(event.responseElements, 'securityGroupRuleSet.items.0.groupId')
  );
}

/**
 * All rule changes of an authorize/revoke/modify event (see the interface's notes for the
 * shapes). Egress events (`…Egress`) read the same `ipPermissions` shape; the response
 * fallback keeps the rules of the event's own direction.
 *
 * @example
 * securityGroupRuleChanges(event).filter((rule) => isWorldCidr(rule.cidr));
 */
export function securityGroupRuleChanges(event: ChangeEvent): SecurityGroupRuleChange[] {
  if (event.eventName === 'ModifySecurityGroupRules') return modifiedRules(event);
  const request = event.requestParameters;
  const rules: SecurityGroupRuleChange[] = [];
  for (const permission of items(request, 'ipPermissions')) {
    const traffic = {
      protocol: field(permission, 'ipProtocol'),
      fromPort: num(permission, 'fromPort'),
      toPort: num(permission, 'toPort'),
      directionUnknown: false,
    };
    const cidrs = [
      ...items(permission, 'ipRanges').map((range) => str(range, 'cidrIp')),
      ...items(permission, 'ipv6Ranges').map((range) => str(range, 'cidrIpv6')),
    ].filter((cidr): cidr is string => cidr !== undefined);
    if (cidrs.length === 0) rules.push(traffic);
    for (const cidr of cidrs) rules.push({ ...traffic, cidr });
  }
  const flatCidr = str(request, 'cidrIp');
  if (flatCidr !== undefined) {
    rules.push({
      protocol: field(request, 'ipProtocol') ?? '-1',
      fromPort: num(request, 'fromPort'),
      toPort: num(request, 'toPort'),
      cidr: flatCidr,
      directionUnknown: false,
    });
  }
  if (rules.length > 0) return rules;
  const egress = event.eventName.endsWith('Egress');
  return items(event.responseElements, 'securityGroupRuleSet')
    .filter((rule) => (bool(rule, 'isEgress') === true) === egress)
    .map((rule) => ({
      protocol: field(rule, 'ipProtocol'),
      fromPort: num(rule, 'fromPort'),
      toPort: num(rule, 'toPort'),
      cidr: str(rule, 'cidrIpv4') ?? str(rule, 'cidrIpv6'),
      ruleId: str(rule, 'securityGroupRuleId'),
      directionUnknown: false,
    }));
}

function modifiedRules(event: ChangeEvent): SecurityGroupRuleChange[] {
  const updates = list(event.requestParameters, 'ModifySecurityGroupRulesRequest.SecurityGroupRule');
  return updates.flatMap((update) => {
    const bag =
      update !== null && typeof update === 'object' ? (update as Record<string, unknown>) : undefined;
    const rule = obj(bag, 'SecurityGroupRule');
    if (rule === undefined) return [];
    return [
      {
        protocol: field(rule, 'IpProtocol'),
        fromPort: num(rule, 'FromPort'),
        toPort: num(rule, 'ToPort'),
        cidr: str(rule, 'CidrIpv4') ?? str(rule, 'CidrIpv6'),
        ruleId: str(bag, 'SecurityGroupRuleId'),
        directionUnknown: true,
      },
    ];
  });
}

/** One world-open rule with its judgement, as evidence. */
export interface WorldOpenRule {
  readonly cidr: string;
  readonly traffic: string;
  readonly severity: Severity;
  readonly reason: string;
  readonly sensitivePorts: readonly string[];
  readonly ruleId?: string;
}

export interface WorldExposure {
  /** The worst severity over the world-open rules. */
  readonly severity: Severity;
  readonly rules: readonly WorldOpenRule[];
  readonly directionUnknown: boolean;
}

/**
 * The rules of an `AuthorizeSecurityGroupIngress` / `ModifySecurityGroupRules` event whose source is `0.0.0.0/0` or `::/0`, judged by
 * {@link assessExposure}; undefined when none is.
 *
 * @example
 * worldExposure(event)?.severity; // 'high' for tcp 22 from 0.0.0.0/0
 */
export function worldExposure(event: ChangeEvent): WorldExposure | undefined {
  if (event.eventName !== 'AuthorizeSecurityGroupIngress' && event.eventName !== 'ModifySecurityGroupRules') {
    return undefined;
  }
  const open = securityGroupRuleChanges(event).filter((rule) => isWorldCidr(rule.cidr));
  if (open.length === 0) return undefined;
  let severity: Severity = 'info';
  const rules = open.map((rule): WorldOpenRule => {
    const assessment = assessExposure(rule);
    severity = maxSeverity(severity, assessment.severity);
    return {
      cidr: rule.cidr ?? '',
      traffic: assessment.traffic,
      severity: assessment.severity,
      reason: assessment.reason,
      sensitivePorts: assessment.sensitivePorts,
      ...(rule.ruleId !== undefined && { ruleId: rule.ruleId }),
    };
  });
  return { severity, rules, directionUnknown: open.some((rule) => rule.directionUnknown) };
}

/**
 * Rule ids named in the request (`securityGroupRuleIds.items[].securityGroupRuleId`, used by revokes).
 *
 * @example
 * requestedRuleIds(revokeEvent); // ['sgr-0aa11bb22cc33dd44']
 */
export function requestedRuleIds(event: ChangeEvent): string[] {
  return items(event.requestParameters, 'securityGroupRuleIds')
    .map((entry) => str(entry, 'securityGroupRuleId'))
    .filter((id): id is string => id !== undefined);
}

/**
 * Rule ids the response reports as created (`securityGroupRuleSet.items[].securityGroupRuleId`).
 *
 * @example
 * createdRuleIds(authorizeEvent); // ['sgr-0f1e2d3c4b5a69788']
 */
export function createdRuleIds(event: ChangeEvent): string[] {
  return items(event.responseElements, 'securityGroupRuleSet')
    .map((rule) => str(rule, 'securityGroupRuleId'))
    .filter((id): id is string => id !== undefined);
}

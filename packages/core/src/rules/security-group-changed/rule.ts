import type { ChangeEvent } from '../../events/change-event.js';
import { str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { regionalArn, whereLabel, withResources } from '../shared/resource-arn.js';
import {
  createdRuleIds,
  requestedRuleIds,
  type SecurityGroupRuleChange,
  securityGroupOf,
  securityGroupRuleChanges,
  worldExposure,
} from '../shared/security-group-rules.js';

const VERBS: Readonly<Record<string, string>> = {
  CreateSecurityGroup: 'created security group',
  DeleteSecurityGroup: 'deleted security group',
  AuthorizeSecurityGroupIngress: 'added inbound rules to security group',
  AuthorizeSecurityGroupEgress: 'added outbound rules to security group',
  RevokeSecurityGroupIngress: 'removed inbound rules from security group',
  RevokeSecurityGroupEgress: 'removed outbound rules from security group',
  ModifySecurityGroupRules: 'modified rules of security group',
};

/** `tcp 5432 from sg-0123…` / `all traffic to 0.0.0.0/0`, for evidence. */
function describeRule(rule: SecurityGroupRuleChange, egress: boolean): string {
  const protocol = String(rule.protocol ?? '');
  const traffic =
    protocol === '-1'
      ? 'all traffic'
      : rule.fromPort === undefined || rule.fromPort === rule.toPort
        ? `${protocol} ${rule.fromPort ?? ''}`.trim()
        : `${protocol} ${rule.fromPort}-${rule.toPort}`;
  return `${traffic} ${egress ? 'to' : 'from'} ${rule.cidr ?? 'a security group or prefix list'}`;
}

/** CreateSecurityGroup answers with the new group's id; other calls name it in the request. */
function groupIdOf(event: ChangeEvent): string | undefined {
  return str(event.responseElements, 'groupId') ?? securityGroupOf(event);
}

/**
 * The CIS 4.10 change record for security groups. Ingress authorizations and rule
 * modifications that open a group to the world belong to `security-group-open-to-world`;
 * this rule records the others, so every security group change is recorded exactly once.
 */
export default defineRule({
  id: 'security-group-changed',
  title: 'Security group changed',
  description:
    'A security group was created or deleted, or its rules were added, removed or modified (without opening ' +
    'it to the internet, which has its own rule). Recorded for CIS 4.10 so every firewall change is traceable.',
  category: 'network_change',
  severity: 'info',
  events: [
    {
      source: 'ec2.amazonaws.com',
      names: [
        'AuthorizeSecurityGroupEgress',
        'RevokeSecurityGroupIngress',
        'RevokeSecurityGroupEgress',
        'CreateSecurityGroup',
        'DeleteSecurityGroup',
        'AuthorizeSecurityGroupIngress',
        'ModifySecurityGroupRules',
      ],
    },
  ],
  references: {
    cis: ['4.10'],
    securityHub: ['CloudWatch.10'],
    mitre: ['T1562.007'],
    links: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-10',
    ],
  },
  runbook: `## Security group changed

**What happened.** A security group was created, deleted, or had rules added, removed or modified.
This is the CIS 4.10 change record; rules opened to \`0.0.0.0/0\` / \`::/0\` raise the separate
\`security-group-open-to-world\` finding instead.

**Check**
1. Is the change expected (change ticket, deploy pipeline — see the actor and \`provenance\`)?
2. Current rules of the group:
   \`aws ec2 describe-security-group-rules --filters Name=group-id,Values=<sg-id>\`
3. What the group protects: \`aws ec2 describe-network-interfaces --filters Name=group-id,Values=<sg-id>\`
4. Removed rules can break monitoring or access paths; added outbound rules can open exfiltration paths.

**Fix**
- Undo an unwanted rule: \`aws ec2 revoke-security-group-ingress|revoke-security-group-egress --group-id <sg-id> --security-group-rule-ids <sgr-id>\`
- Restore a removed rule: \`aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions <json>\`
- Manage security groups through infrastructure as code so drift shows up in review.`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match: (event) => {
    if (!event.success) return undefined;
    // World-open ingress is judged (and reported once) by security-group-open-to-world.
    if (worldExposure(event)) return undefined;
    const group = groupIdOf(event);
    const groupName = str(event.requestParameters, 'groupName');
    const egress = event.eventName.endsWith('Egress');
    const rules = securityGroupRuleChanges(event).map((rule) => describeRule(rule, egress));
    const ruleIds = [...new Set([...requestedRuleIds(event), ...createdRuleIds(event)])];
    const groupArn = group?.startsWith('sg-')
      ? regionalArn(event, 'ec2', `security-group/${group}`)
      : undefined;
    const label = [group, groupName && groupName !== group ? `(${groupName})` : undefined]
      .filter(Boolean)
      .join(' ');
    const detail = rules.length > 0 ? `: ${rules.join(', ')}` : '';
    return {
      summary: `${actorLabel(event.actor)} ${VERBS[event.eventName] ?? event.eventName} ${label || '(unknown group)'}${detail}, in ${whereLabel(event)}.`,
      resources: withResources(event, [groupArn]),
      context: {
        securityGroup: group,
        ...(groupName !== undefined && { groupName }),
        ...(str(event.requestParameters, 'vpcId') !== undefined && {
          vpcId: str(event.requestParameters, 'vpcId'),
        }),
        rules,
        securityGroupRuleIds: ruleIds,
        provenance: event.actor.provenance,
      },
      dedupe: [group ?? groupName ?? '', event.eventName],
    };
  },
});

import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { regionalArn, whereLabel, withResources } from '../shared/resource-arn.js';
import { createdRuleIds, securityGroupOf, worldExposure } from '../shared/security-group-rules.js';

const TITLES = {
  high: 'Security group opened to the internet on sensitive ports',
  medium: 'Security group opened to the internet',
  low: 'Security group opened to the internet for ICMP',
  info: 'Security group opened to the internet on web ports',
  critical: 'Security group opened to the internet on sensitive ports',
} as const;

/**
 * Ingress from `0.0.0.0/0` or `::/0`. Severity follows what is exposed
 * (shared/port-exposure.ts): all traffic, the whole port range or a sensitive port → high;
 * other ports or protocols → medium; ICMP → low; 80/443 only → info.
 */
export default defineRule({
  id: 'security-group-open-to-world',
  title: 'Security group opened to the internet',
  description:
    'An ingress rule whose source is 0.0.0.0/0 or ::/0 was added to or modified in a security group. ' +
    'Remote administration, database and cluster ports open to the world are the most common way ' +
    'instances are compromised; web ports (80/443) only produce an informational record.',
  category: 'security_group_open_to_world',
  severity: 'high',
  events: [
    { source: 'ec2.amazonaws.com', names: ['AuthorizeSecurityGroupIngress', 'ModifySecurityGroupRules'] },
  ],
  references: {
    cis: ['4.10'],
    securityHub: ['CloudWatch.10', 'EC2.13', 'EC2.14', 'EC2.19'],
    mitre: ['T1562.007'],
    links: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19',
    ],
  },
  runbook: `## Security group opened to the internet

**What happened.** A security group rule now accepts traffic from any address (\`0.0.0.0/0\` or \`::/0\`).
The finding's \`context.rules\` lists each world-open rule with its protocol/ports and why it was rated
(\`all ports\`, \`sensitive ports 22 (SSH)\`, \`web ports only\`).

**Check**
1. Was this change expected (ticket, deploy pipeline, a public load balancer)? \`context.provenance\` and
   the actor tell you who made it.
2. What uses the group: \`aws ec2 describe-network-interfaces --filters Name=group-id,Values=<sg-id>\`.
3. The group's current rules: \`aws ec2 describe-security-group-rules --filters Name=group-id,Values=<sg-id>\`.
4. For \`ModifySecurityGroupRules\` CloudTrail does not record whether the rule is inbound or outbound;
   the \`describe-security-group-rules\` output (\`IsEgress\`) settles it — an outbound rule is not exposure.

**Fix**
- Revoke the world-open rule (ids are in \`context.securityGroupRuleIds\` when CloudTrail returned them):
  \`aws ec2 revoke-security-group-ingress --group-id <sg-id> --security-group-rule-ids <sgr-id>\`
- Re-add it with a narrow source (office/VPN CIDR, a prefix list, or another security group), or use
  AWS Systems Manager Session Manager / EC2 Instance Connect Endpoint instead of opening SSH/RDP.
- The \`ec2-revoke-world-open-ingress\` remediation can revoke such rules automatically.`,
  remediation: ['ec2-revoke-world-open-ingress'],
  dedupeWindowMinutes: 60,
  match: (event) => {
    if (!event.success) return undefined;
    const exposure = worldExposure(event);
    if (!exposure) return undefined;
    const group = securityGroupOf(event);
    const groupArn = group?.startsWith('sg-')
      ? regionalArn(event, 'ec2', `security-group/${group}`)
      : undefined;
    const opened = exposure.rules.map((rule) => `${rule.traffic} from ${rule.cidr}`).join(', ');
    const worst = exposure.rules.find((rule) => rule.severity === exposure.severity);
    const ruleIds = [
      ...new Set([
        ...createdRuleIds(event),
        ...exposure.rules.flatMap((rule) => (rule.ruleId ? [rule.ruleId] : [])),
      ]),
    ];
    const direction = exposure.directionUnknown
      ? ' (CloudTrail does not record whether the modified rule is inbound)'
      : '';
    return {
      severity: exposure.severity,
      title: TITLES[exposure.severity],
      summary:
        `${actorLabel(event.actor)} opened security group ${group ?? '(unknown group)'} to the internet: ` +
        `${opened}${worst ? ` — ${worst.reason}` : ''}${direction}, in ${whereLabel(event)}.`,
      resources: withResources(event, [groupArn]),
      context: {
        securityGroup: group,
        rules: exposure.rules,
        securityGroupRuleIds: ruleIds,
        directionUnknown: exposure.directionUnknown,
        provenance: event.actor.provenance,
      },
      dedupe: [group ?? event.resources[0] ?? '', exposure.severity],
    };
  },
});

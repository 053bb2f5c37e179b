import type { ChangeEvent } from '../../events/change-event.js';
import { bool, field, num, str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { assessExposure, isWorldCidr } from '../shared/port-exposure.js';
import { regionalArn, whereLabel, withResources } from '../shared/resource-arn.js';

const VERBS: Readonly<Record<string, string>> = {
  CreateNetworkAcl: 'created network ACL',
  DeleteNetworkAcl: 'deleted network ACL',
  CreateNetworkAclEntry: 'added an entry to network ACL',
  ReplaceNetworkAclEntry: 'replaced an entry of network ACL',
  DeleteNetworkAclEntry: 'deleted an entry of network ACL',
  ReplaceNetworkAclAssociation: 'associated a subnet with network ACL',
};

interface AclEntry {
  readonly ruleNumber?: number | undefined;
  readonly direction: 'ingress' | 'egress';
  readonly action?: string | undefined;
  readonly protocol: unknown;
  readonly cidr?: string | undefined;
  readonly fromPort?: number | undefined;
  readonly toPort?: number | undefined;
}

function entryOf(event: ChangeEvent): AclEntry | undefined {
  if (event.eventName !== 'CreateNetworkAclEntry' && event.eventName !== 'ReplaceNetworkAclEntry')
    return undefined;
  const request = event.requestParameters;
  return {
    ruleNumber: num(request, 'ruleNumber'),
    direction: bool(request, 'egress') === true ? 'egress' : 'ingress',
    action: str(request, 'ruleAction')?.toLowerCase(),
    protocol: field(request, 'aclProtocol'),
    cidr: str(request, 'cidrBlock') ?? str(request, 'ipv6CidrBlock'),
    fromPort: num(request, 'portRange.from'),
    toPort: num(request, 'portRange.to'),
  };
}

/** `rule 100 ingress allow tcp 22 from 0.0.0.0/0`. */
function describeEntry(entry: AclEntry): string {
  const traffic = assessExposure(entry).traffic;
  const peer = `${entry.direction === 'ingress' ? 'from' : 'to'} ${entry.cidr ?? '?'}`;
  return `rule ${entry.ruleNumber ?? '?'} ${entry.direction} ${entry.action ?? '?'} ${traffic} ${peer}`;
}

/**
 * NACL changes are a CIS 4.11 change record (info). An entry that allows inbound traffic from
 * 0.0.0.0/0 or ::/0 is medium — except one limited to ports 80/443, the normal public-subnet
 * entry, which stays info. NACLs are stateless and sit in front of every instance of a subnet,
 * so a world-open allow removes a layer of defence for all of them.
 */
export default defineRule({
  id: 'network-acl-changed',
  title: 'Network ACL changed',
  description:
    'A network ACL was created, deleted, re-associated, or had an entry added, replaced or removed (CIS 4.11). ' +
    'An entry that allows inbound traffic from anywhere (0.0.0.0/0 or ::/0) raises the severity to medium.',
  category: 'network_change',
  severity: 'info',
  events: [
    {
      source: 'ec2.amazonaws.com',
      names: [
        'CreateNetworkAcl',
        'CreateNetworkAclEntry',
        'DeleteNetworkAcl',
        'DeleteNetworkAclEntry',
        'ReplaceNetworkAclEntry',
        'ReplaceNetworkAclAssociation',
      ],
    },
  ],
  references: {
    cis: ['4.11'],
    securityHub: ['CloudWatch.11', 'EC2.21'],
    mitre: ['T1562.007'],
    links: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-11',
    ],
  },
  runbook: `## Network ACL changed

**What happened.** A network ACL (the stateless, subnet-level firewall) was created, deleted,
re-associated with a subnet, or had an entry changed. \`context.entry\` shows the entry for
Create/ReplaceNetworkAclEntry; a medium finding means it allows inbound traffic from anywhere.

**Check**
1. Was the change planned (ticket, deploy pipeline — see the actor and \`provenance\`)?
2. The ACL's entries and subnets: \`aws ec2 describe-network-acls --network-acl-ids <acl-id>\`
3. For a world-open allow: which ports, and which subnets (and instances) sit behind the ACL.
   Lower rule numbers win; check that no earlier deny is now shadowed.

**Fix**
- Remove the entry: \`aws ec2 delete-network-acl-entry --network-acl-id <acl-id> --rule-number <n> --ingress\`
- Or narrow it: \`aws ec2 replace-network-acl-entry --network-acl-id <acl-id> --rule-number <n> --ingress --protocol tcp --port-range From=443,To=443 --cidr-block <trusted-cidr> --rule-action allow\`
- Re-associate the subnet with its previous ACL: \`aws ec2 replace-network-acl-association --association-id <assoc-id> --network-acl-id <acl-id>\``,
  remediation: [],
  dedupeWindowMinutes: 60,
  match: (event) => {
    if (!event.success) return undefined;
    const request = event.requestParameters;
    const acl = str(request, 'networkAclId') ?? str(event.responseElements, 'networkAcl.networkAclId');
    const entry = entryOf(event);
    const worldIngress =
      entry !== undefined &&
      entry.direction === 'ingress' &&
      entry.action === 'allow' &&
      isWorldCidr(entry.cidr);
    const exposure = worldIngress && entry ? assessExposure(entry) : undefined;
    const elevated = exposure !== undefined && exposure.severity !== 'info';
    const aclArn = acl ? regionalArn(event, 'ec2', `network-acl/${acl}`) : undefined;
    const entryText = entry ? ` (${describeEntry(entry)})` : '';
    return {
      ...(elevated && {
        severity: 'medium' as const,
        title: 'Network ACL allows inbound traffic from anywhere',
      }),
      summary: `${actorLabel(event.actor)} ${VERBS[event.eventName] ?? event.eventName} ${acl ?? '(unknown ACL)'}${entryText}, in ${whereLabel(event)}.`,
      resources: withResources(event, [aclArn]),
      context: {
        networkAclId: acl,
        ...(entry !== undefined && { entry }),
        ...(exposure !== undefined && {
          worldOpen: { reason: exposure.reason, sensitivePorts: exposure.sensitivePorts },
        }),
        ...(str(request, 'vpcId') !== undefined && { vpcId: str(request, 'vpcId') }),
        ...(str(request, 'associationId') !== undefined && { associationId: str(request, 'associationId') }),
        provenance: event.actor.provenance,
      },
      dedupe: [acl ?? '', elevated ? 'world-open' : event.eventName],
    };
  },
});

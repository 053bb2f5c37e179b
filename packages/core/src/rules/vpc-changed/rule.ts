import type { ChangeEvent } from '../../events/change-event.js';
import type { DetectionSettings } from '../../settings/detection-settings.js';
import { field, str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { regionalArn, whereLabel, withResources } from '../shared/resource-arn.js';

const VERBS: Readonly<Record<string, string>> = {
  CreateVpc: 'created VPC',
  DeleteVpc: 'deleted VPC',
  ModifyVpcAttribute: 'modified an attribute of VPC',
  CreateVpcPeeringConnection: 'requested VPC peering',
  AcceptVpcPeeringConnection: 'accepted VPC peering',
  DeleteVpcPeeringConnection: 'deleted VPC peering',
  RejectVpcPeeringConnection: 'rejected VPC peering',
  AttachClassicLinkVpc: 'linked an EC2-Classic instance to VPC',
  DetachClassicLinkVpc: 'unlinked an EC2-Classic instance from VPC',
  EnableVpcClassicLink: 'enabled ClassicLink on VPC',
  DisableVpcClassicLink: 'disabled ClassicLink on VPC',
};

/** Peering calls that establish a connection (deleting or rejecting one narrows access). */
const ESTABLISHING = new Set(['CreateVpcPeeringConnection', 'AcceptVpcPeeringConnection']);

/**
 * The account on the other side of a peering: for a request, `peerOwnerId` (absent = same
 * account) or the response's accepter; for an accept, the response's requester.
 */
function peerAccountOf(event: ChangeEvent): string | undefined {
  const connection = 'vpcPeeringConnection';
  if (event.eventName === 'CreateVpcPeeringConnection') {
    return (
      str(event.requestParameters, 'peerOwnerId') ??
      str(event.responseElements, `${connection}.accepterVpcInfo.ownerId`) ??
      event.account
    );
  }
  if (event.eventName === 'AcceptVpcPeeringConnection') {
    return str(event.responseElements, `${connection}.requesterVpcInfo.ownerId`);
  }
  return undefined;
}

/** "Ours": the event's own account and `settings.allowedAccounts`. */
function isOutside(account: string | undefined, event: ChangeEvent, settings: DetectionSettings): boolean {
  return account !== undefined && account !== event.account && !settings.allowedAccounts.includes(account);
}

/** `enableDnsHostnames=false` from `{ enableDnsHostnames: { value: false } }`. */
function attributeChange(event: ChangeEvent): string | undefined {
  if (event.eventName !== 'ModifyVpcAttribute') return undefined;
  for (const [name, value] of Object.entries(event.requestParameters)) {
    if (name === 'vpcId') continue;
    return `${name}=${String(field(value as Record<string, unknown>, 'value') ?? JSON.stringify(value))}`;
  }
  return undefined;
}

/**
 * CIS 4.14 change record for VPCs, peering and ClassicLink (info). Establishing a peering
 * with an account that is neither this one nor in `settings.allowedAccounts` is medium: it
 * routes a foreign network into this VPC (with `allowedAccounts` empty, every other account
 * counts as foreign).
 */
export default defineRule({
  id: 'vpc-changed',
  title: 'VPC changed',
  description:
    'A VPC was created, deleted or modified, a VPC peering connection was requested, accepted, rejected or deleted, ' +
    'or ClassicLink was changed (CIS 4.14). Peering with an account outside the allowed accounts is medium.',
  category: 'network_change',
  severity: 'info',
  events: [
    {
      source: 'ec2.amazonaws.com',
      names: [
        'CreateVpc',
        'DeleteVpc',
        'ModifyVpcAttribute',
        'AcceptVpcPeeringConnection',
        'CreateVpcPeeringConnection',
        'DeleteVpcPeeringConnection',
        'RejectVpcPeeringConnection',
        'AttachClassicLinkVpc',
        'DetachClassicLinkVpc',
        'DisableVpcClassicLink',
        'EnableVpcClassicLink',
      ],
    },
  ],
  references: {
    cis: ['4.14'],
    securityHub: ['CloudWatch.14'],
    mitre: ['T1599', 'T1021'],
    links: [
      'https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-14',
    ],
  },
  runbook: `## VPC changed

**What happened.** A VPC, a VPC attribute, a peering connection or ClassicLink changed.
A medium finding means a peering connection was requested or accepted with an account outside this
account and \`allowedAccounts\` (\`context.peerAccount\`).

**Check**
1. Was it planned (ticket, deploy pipeline — see the actor and \`provenance\`)?
2. For peering: who owns the other account, and which CIDRs now route through the connection:
   \`aws ec2 describe-vpc-peering-connections --vpc-peering-connection-ids <pcx-id>\` and
   \`aws ec2 describe-route-tables --filters Name=route.vpc-peering-connection-id,Values=<pcx-id>\`
3. For \`ModifyVpcAttribute\`: DNS support/hostnames changes can break private endpoints and Route 53
   private zones.

**Fix**
- Remove an unwanted peering: \`aws ec2 delete-vpc-peering-connection --vpc-peering-connection-id <pcx-id>\`
  (and the routes that point at it).
- If the partner account is legitimate, add it to \`allowedAccounts\` in trailwarden's settings.
- Restore an attribute: \`aws ec2 modify-vpc-attribute --vpc-id <vpc-id> --enable-dns-support '{"Value":true}'\``,
  remediation: [],
  dedupeWindowMinutes: 60,
  match: (event, { settings }) => {
    if (!event.success) return undefined;
    const request = event.requestParameters;
    const response = event.responseElements;
    const vpc = str(request, 'vpcId') ?? str(response, 'vpc.vpcId');
    const peering =
      str(request, 'vpcPeeringConnectionId') ?? str(response, 'vpcPeeringConnection.vpcPeeringConnectionId');
    const peerAccount = peerAccountOf(event);
    const peerVpc =
      str(request, 'peerVpcId') ??
      (event.eventName === 'AcceptVpcPeeringConnection'
        ? str(response, 'vpcPeeringConnection.requesterVpcInfo.vpcId')
        : undefined);
    const foreign = ESTABLISHING.has(event.eventName) && isOutside(peerAccount, event, settings);
    const attribute = attributeChange(event);
    const subject = peering ?? vpc ?? '(unknown VPC)';
    const extra = [
      peering && vpc ? `VPC ${vpc}` : undefined,
      peerAccount && peerAccount !== event.account ? `peer account ${peerAccount}` : undefined,
      peerVpc ? `peer VPC ${peerVpc}` : undefined,
      attribute,
    ].filter((part): part is string => part !== undefined);
    return {
      ...(foreign && {
        severity: 'medium' as const,
        title: 'VPC peering with an account outside the allowed accounts',
      }),
      summary:
        `${actorLabel(event.actor)} ${VERBS[event.eventName] ?? event.eventName} ${subject}` +
        `${extra.length > 0 ? ` (${extra.join(', ')})` : ''}, in ${whereLabel(event)}.`,
      resources: withResources(event, [
        peering ? regionalArn(event, 'ec2', `vpc-peering-connection/${peering}`) : undefined,
        vpc ? regionalArn(event, 'ec2', `vpc/${vpc}`) : undefined,
      ]),
      context: {
        ...(vpc !== undefined && { vpcId: vpc }),
        ...(peering !== undefined && { vpcPeeringConnectionId: peering }),
        ...(peerAccount !== undefined && { peerAccount }),
        ...(peerVpc !== undefined && { peerVpcId: peerVpc }),
        ...(attribute !== undefined && { attribute }),
        ...(foreign && { peerOutsideAllowedAccounts: true }),
        provenance: event.actor.provenance,
      },
      dedupe: [peering ?? vpc ?? '', foreign ? 'foreign-peering' : event.eventName],
    };
  },
});

import { num, str } from '../../util/fields.js';
import { defineRule } from '../define-rule.js';
import { actorLabel } from '../shared/actor.js';
import { regionalArn, whereLabel, withResources } from '../shared/resource-arn.js';

const VERBS: Readonly<Record<string, string>> = {
  CreateCustomerGateway: 'created customer gateway',
  DeleteCustomerGateway: 'deleted customer gateway',
  CreateInternetGateway: 'created internet gateway',
  DeleteInternetGateway: 'deleted internet gateway',
  AttachInternetGateway: 'attached internet gateway',
  DetachInternetGateway: 'detached internet gateway',
};

/** CIS 4.12 change record: customer and internet gateways (the VPC's doors to the outside). */
export default defineRule({
  id: 'network-gateway-changed',
  title: 'Network gateway changed',
  description:
    'An internet gateway or a customer (VPN) gateway was created, deleted, attached or detached (CIS 4.12). ' +
    'Gateways decide which networks can reach a VPC at all, so every change is recorded.',
  category: 'network_change',
  severity: 'info',
  events: [
    {
      source: 'ec2.amazonaws.com',
      names: [
        'CreateCustomerGateway',
        'DeleteCustomerGateway',
        'AttachInternetGateway',
        'CreateInternetGateway',
        'DeleteInternetGateway',
        'DetachInternetGateway',
      ],
    },
  ],
  references: {
    cis: ['4.12'],
    securityHub: ['CloudWatch.12'],
    mitre: ['T1599'],
    links: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-12',
    ],
  },
  runbook: `## Network gateway changed

**What happened.** An internet gateway (IGW) or customer gateway (the on-premises end of a
Site-to-Site VPN) was created, deleted, attached to or detached from a VPC.

**Check**
1. Was it planned (ticket, deploy pipeline — see the actor and \`provenance\`)?
2. Attaching an IGW to a VPC that had none makes its subnets internet-routable as soon as a route
   \`0.0.0.0/0 → igw-…\` exists: \`aws ec2 describe-route-tables --filters Name=vpc-id,Values=<vpc-id>\`
3. A new customer gateway with an unknown public IP can be the first step of a rogue VPN:
   \`aws ec2 describe-customer-gateways --customer-gateway-ids <cgw-id>\` and
   \`aws ec2 describe-vpn-connections --filters Name=customer-gateway-id,Values=<cgw-id>\`

**Fix**
- Detach an unwanted IGW: \`aws ec2 detach-internet-gateway --internet-gateway-id <igw-id> --vpc-id <vpc-id>\`
- Delete an unwanted customer gateway (after its VPN connections): \`aws ec2 delete-customer-gateway --customer-gateway-id <cgw-id>\`
- A deleted/detached gateway the workload needed: re-create or re-attach it and restore the routes.`,
  remediation: [],
  dedupeWindowMinutes: 60,
  match: (event) => {
    if (!event.success) return undefined;
    const request = event.requestParameters;
    const response = event.responseElements;
    const igw = str(request, 'internetGatewayId') ?? str(response, 'internetGateway.internetGatewayId');
    const cgw = str(request, 'customerGatewayId') ?? str(response, 'customerGateway.customerGatewayId');
    const vpc = str(request, 'vpcId');
    const publicIp = str(request, 'ipAddress') ?? str(request, 'publicIp');
    const gateway = igw ?? cgw;
    const arn = igw
      ? regionalArn(event, 'ec2', `internet-gateway/${igw}`)
      : cgw
        ? regionalArn(event, 'ec2', `customer-gateway/${cgw}`)
        : undefined;
    const onVpc = vpc ? ` ${event.eventName.startsWith('Detach') ? 'from' : 'to'} ${vpc}` : '';
    const ip = publicIp ? ` (public IP ${publicIp})` : '';
    return {
      summary: `${actorLabel(event.actor)} ${VERBS[event.eventName] ?? event.eventName} ${gateway ?? '(unknown gateway)'}${onVpc}${ip}, in ${whereLabel(event)}.`,
      resources: withResources(event, [arn, vpc ? regionalArn(event, 'ec2', `vpc/${vpc}`) : undefined]),
      context: {
        ...(igw !== undefined && { internetGatewayId: igw }),
        ...(cgw !== undefined && { customerGatewayId: cgw }),
        ...(vpc !== undefined && { vpcId: vpc }),
        ...(publicIp !== undefined && { customerGatewayIp: publicIp }),
        ...(num(request, 'bgpAsn') !== undefined && { bgpAsn: num(request, 'bgpAsn') }),
        provenance: event.actor.provenance,
      },
      dedupe: [gateway ?? '', event.eventName],
    };
  },
});
